// COpus: a small C shim over the system libopus 1.3 (libopus-dev). Swift cannot call the variadic
// opus_encoder_ctl/opus_decoder_ctl, so each request used here is a plain function; the state
// pointers are opaque so the Swift classes owning them can take the natural names.
#ifndef COPUS_H
#define COPUS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Creates an encoder at 48 kHz for `channels` (1 or 2) in OPUS_APPLICATION_RESTRICTED_LOWDELAY
/// (`lowDelay` != 0) or OPUS_APPLICATION_AUDIO; NULL and `*error` (an OPUS_* code) on failure.
void *copus_encoder_create(int channels, int lowDelay, int *error);
void copus_encoder_destroy(void *encoder);
/// Encodes one frame of interleaved float PCM; returns the packet length or a negative OPUS_* code.
int32_t copus_encode_float(void *encoder, const float *pcm, int frameSize, uint8_t *packet, int32_t capacity);
int copus_encoder_set_bitrate(void *encoder, int32_t bitsPerSecond);
int copus_encoder_set_inband_fec(void *encoder, int enabled);
int copus_encoder_set_packet_loss_perc(void *encoder, int percent);
int copus_encoder_set_dtx(void *encoder, int enabled);
int copus_encoder_set_complexity(void *encoder, int complexity);
/// The encoder's look-ahead in samples at 48 kHz (or a negative OPUS_* code).
int copus_encoder_get_lookahead(void *encoder);

/// Creates a decoder at 48 kHz for `channels`; NULL and `*error` on failure.
void *copus_decoder_create(int channels, int *error);
void copus_decoder_destroy(void *decoder);
/// Decodes `packet` (NULL/0: conceal) into `frameSize` samples per channel; `fec` != 0 decodes the
/// in-band FEC data of `packet` for the frame before it. Returns samples per channel or a negative code.
int copus_decode_float(void *decoder, const uint8_t *packet, int32_t length, float *pcm, int frameSize, int fec);

/// The number of samples per channel `packet` decodes to at 48 kHz, or a negative OPUS_* code.
int copus_packet_get_nb_samples(const uint8_t *packet, int32_t length);

#ifdef __cplusplus
}
#endif

#endif
