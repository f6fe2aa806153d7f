// CDTLS: a small C shim over BoringSSL (swift-nio-ssl's vendored copy, CNIOBoringSSL) for a
// sans-IO DTLS 1.2 endpoint. Swift never sees BoringSSL; its error queue is per thread while Swift
// tasks hop threads, so every entry point here makes its BoringSSL calls *and* reads the error
// queue inside one C call.
//
// Datagram I/O goes through two custom BIOs owned by the connection:
//  - the write BIO queues exactly one datagram per BIO_write (a memory BIO would merge them), or
//    writes an application record straight into the caller's buffer (cdtls_conn_write);
//  - the read BIO hands BoringSSL exactly one lent inbound datagram per BIO_read and otherwise
//    reports "retry" (the behaviour of a memory BIO with BIO_set_mem_eof_return(rbio, -1), but
//    keeping datagram boundaries).
// Time: BoringSSL reads each connection's own clock, which only cdtls_conn_force_timeout moves,
// so retransmissions happen when the caller's clock says and never on their own.
#ifndef CDTLS_H
#define CDTLS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Result codes of the connection calls.
enum {
    CDTLS_OK = 1,          ///< Done (handshake finished, record written, ...).
    CDTLS_WANT = 0,        ///< Needs more input; nothing wrong.
    CDTLS_FATAL = -1,      ///< Fatal error; see cdtls_conn_error / cdtls_conn_alert.
    CDTLS_CLOSED = -2,     ///< close_notify received.
};

/// Outcome of the remote-fingerprint check (RFC 8122 §5).
enum {
    CDTLS_FP_UNCHECKED = 0,
    CDTLS_FP_MATCHED = 1,
    CDTLS_FP_MISMATCH = -1,
    CDTLS_FP_NONE_SET = -2,
};

typedef struct cdtls_conn cdtls_conn;

// MARK: certificates

/// Generates an ECDSA P-256 key and a self-signed X.509 v3 certificate (SHA-256 signature, random
/// positive 128-bit serial, notBefore one day back for clock skew). Outputs malloc'd DER buffers
/// to be released with cdtls_free. Returns 1 on success, 0 with a message in `err`.
int cdtls_generate_certificate(const char *common_name, int64_t valid_seconds,
                               uint8_t **cert_der, size_t *cert_len,
                               uint8_t **key_der, size_t *key_len,
                               char *err, size_t err_cap);

/// Parses a DER certificate and private key, checks they belong together, and reports the
/// certificate's notAfter as Unix seconds. Returns 1 on success, 0 with a message in `err`.
int cdtls_check_certificate(const uint8_t *cert_der, size_t cert_len,
                            const uint8_t *key_der, size_t key_len,
                            int64_t *not_after_unix, char *err, size_t err_cap);

/// Digest of `data` by digest name ("SHA256", ...). `out` needs 64 bytes.
/// Returns the digest length, or 0 if the name is unknown.
size_t cdtls_digest(const char *openssl_name, const uint8_t *data, size_t len, uint8_t *out);

/// Frees a DER buffer returned by cdtls_generate_certificate.
void cdtls_free(void *p);
/// Frees a datagram returned by cdtls_conn_pop_datagram.
void cdtls_free_datagram(uint8_t *p);

// MARK: connections

/// A DTLS 1.2-only connection with its own SSL_CTX. `mtu` is the largest datagram to emit.
/// Returns NULL with a message in `err` on failure.
cdtls_conn *cdtls_conn_new(int is_server, const uint8_t *cert_der, size_t cert_len,
                           const uint8_t *key_der, size_t key_len, int mtu,
                           char *err, size_t err_cap);
void cdtls_conn_free(cdtls_conn *c);

/// Replaces the accepted remote fingerprints. `openssl_name` is a digest name ("SHA256").
/// Returns 0 if the digest is unknown (the entry is skipped) or the list is full.
void cdtls_conn_clear_fingerprints(cdtls_conn *c);
int cdtls_conn_add_fingerprint(cdtls_conn *c, const char *openssl_name,
                               const uint8_t *bytes, size_t len);
/// With `on`, a peer certificate that arrives while no fingerprint is set pauses the handshake
/// (BoringSSL's ssl_verify_retry: cdtls_conn_handshake says CDTLS_WANT) until fingerprints are
/// added and the handshake is driven again; without it (the default) the certificate is accepted
/// and checked when the handshake ends.
void cdtls_conn_set_verify_waits(cdtls_conn *c, int on);
/// Checks the peer's leaf certificate against the fingerprints now (after the handshake if the
/// fingerprints were not known when the certificate arrived). Returns a CDTLS_FP_* value and,
/// on a match, the index of the matching fingerprint.
int cdtls_conn_check_fingerprint(cdtls_conn *c, int *matched_index);

/// Lends one inbound datagram to the next handshake/read calls: BoringSSL copies it from `data`
/// when it reads it, so the bytes must stay valid until cdtls_conn_discard_input, which the
/// caller must call before they go away. Returns 0 (nothing lent) for an empty or oversized one.
int cdtls_conn_lend_datagram(cdtls_conn *c, const uint8_t *data, size_t len);
/// Forgets the lent datagram, whether or not BoringSSL read it.
void cdtls_conn_discard_input(cdtls_conn *c);

/// SSL_do_handshake. CDTLS_OK when finished, CDTLS_WANT, or CDTLS_FATAL.
int cdtls_conn_handshake(cdtls_conn *c);
/// SSL_read of one record into `buf` (capacity >= 16384). Returns the byte count (> 0) in
/// `*out_len` with CDTLS_OK, or CDTLS_WANT / CDTLS_CLOSED / CDTLS_FATAL. With CDTLS_OK, `*more`
/// is 0 when BoringSSL holds no further input (the datagram is used up, SSL_has_pending is 0), so
/// another read could only return CDTLS_WANT; 1 when it may hold more records. After the read
/// that completes the handshake, read until CDTLS_WANT once (records that shared its datagram).
int cdtls_conn_read(cdtls_conn *c, uint8_t *buf, size_t cap, size_t *out_len, int *more);
/// SSL_write of one record. CDTLS_OK or CDTLS_FATAL. When `out` is not NULL and the record is
/// the first datagram of the call and fits in `out_cap` bytes, it is written to `out` and its
/// length to `*out_len` instead of being queued; anything else the call writes (`*out_len` 0, or
/// a later datagram) is queued for cdtls_conn_pop_datagram, after the one in `out`.
int cdtls_conn_write(cdtls_conn *c, const uint8_t *data, size_t len, uint8_t *out, size_t out_cap,
                     size_t *out_len);
/// SSL_shutdown: queues close_notify if the handshake is done. Returns CDTLS_OK or CDTLS_FATAL.
int cdtls_conn_shutdown(cdtls_conn *c);

/// Pops the oldest outbound datagram (release it with cdtls_free_datagram). Returns NULL when none.
uint8_t *cdtls_conn_pop_datagram(cdtls_conn *c, size_t *len);

/// Whether BoringSSL's retransmission timer is armed, and how many new flights (not
/// retransmissions) were sent with it armed: each restarts the caller's timer at its initial value.
int cdtls_conn_timer_armed(const cdtls_conn *c);
uint64_t cdtls_conn_timer_fresh_starts(const cdtls_conn *c);
/// Moves the connection's clock to BoringSSL's deadline and retransmits the current flight.
/// Returns 1 if a flight was retransmitted, 0 if nothing to do, CDTLS_FATAL on error (e.g. too
/// many retransmissions).
int cdtls_conn_force_timeout(cdtls_conn *c);
/// BoringSSL's own initial retransmission timeout (rounded to ms), so the deadline
/// cdtls_conn_force_timeout moves the connection's clock to matches the caller's first interval.
void cdtls_conn_set_initial_timeout_us(cdtls_conn *c, unsigned int us);

/// 1 once the handshake completed.
int cdtls_conn_is_init_finished(const cdtls_conn *c);
/// The last BoringSSL error string ("" if none), and the description of the last fatal alert
/// received from the peer ("" if none).
const char *cdtls_conn_error(const cdtls_conn *c);
const char *cdtls_conn_alert(const cdtls_conn *c);
/// The negotiated cipher suite's OpenSSL-style name, or "".
const char *cdtls_conn_cipher(const cdtls_conn *c);

#ifdef __cplusplus
}
#endif

#endif
