#include "COpus.h"

#include <opus/opus.h>

void *copus_encoder_create(int channels, int lowDelay, int *error) {
    int application = lowDelay ? OPUS_APPLICATION_RESTRICTED_LOWDELAY : OPUS_APPLICATION_AUDIO;
    return opus_encoder_create(48000, channels, application, error);
}

void copus_encoder_destroy(void *encoder) { opus_encoder_destroy((OpusEncoder *)encoder); }

int32_t copus_encode_float(void *encoder, const float *pcm, int frameSize, uint8_t *packet, int32_t capacity) {
    return opus_encode_float((OpusEncoder *)encoder, pcm, frameSize, packet, capacity);
}

int copus_encoder_set_bitrate(void *encoder, int32_t bitsPerSecond) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_SET_BITRATE(bitsPerSecond));
}

int copus_encoder_set_inband_fec(void *encoder, int enabled) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_SET_INBAND_FEC(enabled ? 1 : 0));
}

int copus_encoder_set_packet_loss_perc(void *encoder, int percent) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_SET_PACKET_LOSS_PERC(percent));
}

int copus_encoder_set_dtx(void *encoder, int enabled) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_SET_DTX(enabled ? 1 : 0));
}

int copus_encoder_set_complexity(void *encoder, int complexity) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_SET_COMPLEXITY(complexity));
}

int copus_encoder_get_lookahead(void *encoder) {
    opus_int32 lookahead = 0;
    int status = opus_encoder_ctl((OpusEncoder *)encoder, OPUS_GET_LOOKAHEAD(&lookahead));
    return status == OPUS_OK ? (int)lookahead : status;
}

void *copus_decoder_create(int channels, int *error) {
    return opus_decoder_create(48000, channels, error);
}

void copus_decoder_destroy(void *decoder) { opus_decoder_destroy((OpusDecoder *)decoder); }

int copus_decode_float(void *decoder, const uint8_t *packet, int32_t length, float *pcm, int frameSize, int fec) {
    return opus_decode_float((OpusDecoder *)decoder, packet, length, pcm, frameSize, fec);
}

int copus_packet_get_nb_samples(const uint8_t *packet, int32_t length) {
    return opus_packet_get_nb_samples(packet, length, 48000);
}
