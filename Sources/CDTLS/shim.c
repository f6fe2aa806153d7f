// See include/cdtls.h for the contract. Every exported function clears BoringSSL's (per-thread)
// error queue first and reads it before returning, so a Swift caller that hops threads between
// calls never sees another call's errors.
//
// BoringSSL is swift-nio-ssl's copy (target CNIOBoringSSL): its headers rename every symbol with
// the CNIOBoringSSL prefix, so it cannot clash with another OpenSSL in the process.
#define _GNU_SOURCE
#include "cdtls.h"

#include <CNIOBoringSSL_bio.h>
#include <CNIOBoringSSL_bn.h>
#include <CNIOBoringSSL_bytestring.h>
#include <CNIOBoringSSL_crypto.h>
#include <CNIOBoringSSL_digest.h>
#include <CNIOBoringSSL_ec_key.h>
#include <CNIOBoringSSL_err.h>
#include <CNIOBoringSSL_evp.h>
#include <CNIOBoringSSL_mem.h>
#include <CNIOBoringSSL_nid.h>
#include <CNIOBoringSSL_pool.h>
#include <CNIOBoringSSL_rand.h>
#include <CNIOBoringSSL_ssl.h>
#include <CNIOBoringSSL_x509.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#define CDTLS_MAX_FINGERPRINTS 8
#define CDTLS_MAX_QUEUED_DATAGRAMS 4096
#define CDTLS_MAX_INBOUND_DATAGRAM 65536
// Where a connection's BoringSSL clock starts (see current_time_cb); any positive instant does.
#define CDTLS_CLOCK_START_SECONDS 1000000

typedef struct cdtls_datagram {
    struct cdtls_datagram *next;
    size_t len, cap;
    int sealed;  // application data: never shares its datagram
    uint8_t data[];
} cdtls_datagram;

typedef struct {
    char md_name[16];
    uint8_t bytes[EVP_MAX_MD_SIZE];
    size_t len;
} cdtls_fingerprint;

struct cdtls_conn {
    SSL_CTX *ctx;
    SSL *ssl;
    // Inbound: at most one datagram waiting for BoringSSL, the caller's bytes (lent, not copied).
    const uint8_t *in_data;
    size_t in_len;
    int in_pending;
    // Outbound: one node per BIO_write, FIFO.
    cdtls_datagram *out_head, *out_tail;
    size_t out_count;
    size_t mtu;
    int writing_app_data;
    // The caller's buffer for the record of one cdtls_conn_write (NULL outside that call).
    uint8_t *direct_out;
    size_t direct_cap, direct_len;
    // The clock BoringSSL reads for this connection (current_time_cb): it stands still except
    // when cdtls_conn_force_timeout moves it to the retransmission deadline, so BoringSSL's timer
    // expires exactly when the caller says, never on its own.
    struct timeval clock;
    // Handshake datagrams written, and how many flights left outside a retransmission.
    uint64_t flight_writes;
    uint64_t timer_fresh_starts;
    // Remote fingerprints (RFC 8122) and the peer's leaf certificate.
    cdtls_fingerprint fps[CDTLS_MAX_FINGERPRINTS];
    int fp_count;
    int fp_state;
    int fp_index;
    // Pause at the peer's certificate while no fingerprint is set (cdtls_conn_set_verify_waits).
    int verify_waits;
    CRYPTO_BUFFER *peer_cert;
    char err[256];
    char alert[64];
};

// MARK: helpers

// Empties this thread's error queue. ERR_clear_error walks all of the queue's slots even when it
// is empty, as it nearly always is, and it ran several times per record (2 % of the bulk path).
static void clear_errors(void) {
    if (ERR_peek_error() != 0) ERR_clear_error();
}

static void set_err(char *err, size_t cap, const char *fallback) {
    if (err == NULL || cap == 0) {
        clear_errors();
        return;
    }
    unsigned long e = ERR_get_error();
    if (e != 0) {
        ERR_error_string_n(e, err, cap);
    } else {
        snprintf(err, cap, "%s", fallback);
    }
    clear_errors();
}

static int map_result(cdtls_conn *c, int ret, const char *op) {
    int e = SSL_get_error(c->ssl, ret);
    switch (e) {
    case SSL_ERROR_NONE:
        clear_errors();
        return CDTLS_OK;
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
    case SSL_ERROR_WANT_CERTIFICATE_VERIFY:
        clear_errors();
        return CDTLS_WANT;
    case SSL_ERROR_ZERO_RETURN:
        clear_errors();
        return CDTLS_CLOSED;
    default: {
        char fallback[64];
        snprintf(fallback, sizeof fallback, "%s failed (SSL_get_error %d)", op, e);
        set_err(c->err, sizeof c->err, fallback);
        return CDTLS_FATAL;
    }
    }
}

void cdtls_free(void *p) { OPENSSL_free(p); }
void cdtls_free_datagram(uint8_t *p) { free(p); }

size_t cdtls_digest(const char *openssl_name, const uint8_t *data, size_t len, uint8_t *out) {
    const EVP_MD *md = EVP_get_digestbyname(openssl_name);
    unsigned int n = 0;
    if (md == NULL || EVP_Digest(data, len, out, &n, md, NULL) != 1) {
        clear_errors();
        return 0;
    }
    return n;
}

// BoringSSL asks SSL_CTX_set_current_time_cb's callback for the time (with a NULL SSL), so the
// connection whose call is running publishes its clock here for the length of that call.
static __thread const struct timeval *t_clock;

static void current_time_cb(const SSL *ssl, struct timeval *out) {
    (void)ssl;
    if (t_clock != NULL) *out = *t_clock; else gettimeofday(out, NULL);
}

static void enter(const cdtls_conn *c) {
    clear_errors();
    t_clock = &c->clock;
}

static void leave(void) { t_clock = NULL; }

// A handshake call that wrote datagrams and left the retransmission timer running sent a new
// flight: BoringSSL only resends a flight from DTLSv1_handle_timeout, or after the handshake
// when the peer repeats its Finished (RFC 6347 §4.2.4), when the timer is not running.
static void note_flight(cdtls_conn *c, uint64_t writes_before) {
    struct timeval tv;
    if (c->flight_writes != writes_before && DTLSv1_get_timeout(c->ssl, &tv) == 1) {
        c->timer_fresh_starts++;
    }
}

// MARK: certificates

int cdtls_generate_certificate(const char *common_name, int64_t valid_seconds,
                               uint8_t **cert_der, size_t *cert_len,
                               uint8_t **key_der, size_t *key_len,
                               char *err, size_t err_cap) {
    clear_errors();
    int ok = 0;
    EVP_PKEY *pkey = NULL;
    X509 *x = NULL;
    BIGNUM *bn = NULL;
    PKCS8_PRIV_KEY_INFO *p8 = NULL;
    unsigned char *cbuf = NULL, *kbuf = NULL;
    int clen = 0, klen = 0;
    unsigned char serial[16];

    *cert_der = NULL;
    *key_der = NULL;
    if (valid_seconds <= 0) {
        snprintf(err, err_cap, "validity must be positive");
        return 0;
    }
    EC_KEY *ec = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
    pkey = EVP_PKEY_new();
    if (ec == NULL || pkey == NULL || EC_KEY_generate_key(ec) != 1 ||
        EVP_PKEY_assign_EC_KEY(pkey, ec) != 1) {
        EC_KEY_free(ec);
        set_err(err, err_cap, "EC key generation failed");
        goto done;
    }
    x = X509_new();
    if (x == NULL || X509_set_version(x, 2) != 1) { set_err(err, err_cap, "X509_new failed"); goto done; }
    if (RAND_bytes(serial, sizeof serial) != 1) { set_err(err, err_cap, "RAND_bytes failed"); goto done; }
    serial[0] &= 0x7f;  // positive
    serial[0] |= 0x01;  // and full length
    bn = BN_bin2bn(serial, sizeof serial, NULL);
    if (bn == NULL || BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) == NULL) {
        set_err(err, err_cap, "serial number failed");
        goto done;
    }
    // One day back, as browsers do, to survive clock skew between peers.
    if (X509_gmtime_adj(X509_getm_notBefore(x), -86400) == NULL ||
        X509_time_adj_ex(X509_getm_notAfter(x), (int)(valid_seconds / 86400),
                         (long)(valid_seconds % 86400), NULL) == NULL) {
        set_err(err, err_cap, "validity failed");
        goto done;
    }
    X509_NAME *name = X509_get_subject_name(x);
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   (const unsigned char *)common_name, -1, -1, 0) != 1 ||
        X509_set_issuer_name(x, name) != 1 || X509_set_pubkey(x, pkey) != 1) {
        set_err(err, err_cap, "subject failed");
        goto done;
    }
    if (X509_sign(x, pkey, EVP_sha256()) <= 0) { set_err(err, err_cap, "X509_sign failed"); goto done; }
    clen = i2d_X509(x, &cbuf);
    p8 = EVP_PKEY2PKCS8(pkey);
    if (p8 != NULL) klen = i2d_PKCS8_PRIV_KEY_INFO(p8, &kbuf);
    if (clen <= 0 || klen <= 0) { set_err(err, err_cap, "DER encoding failed"); goto done; }
    *cert_der = cbuf;
    *cert_len = (size_t)clen;
    *key_der = kbuf;
    *key_len = (size_t)klen;
    cbuf = NULL;
    kbuf = NULL;
    ok = 1;
done:
    OPENSSL_free(cbuf);
    if (kbuf != NULL) {
        OPENSSL_cleanse(kbuf, (size_t)klen);
        OPENSSL_free(kbuf);
    }
    PKCS8_PRIV_KEY_INFO_free(p8);
    BN_free(bn);
    X509_free(x);
    EVP_PKEY_free(pkey);
    clear_errors();
    return ok;
}

static int load_pair(const uint8_t *cert_der, size_t cert_len, const uint8_t *key_der,
                     size_t key_len, X509 **x_out, EVP_PKEY **k_out, char *err, size_t cap) {
    const unsigned char *p = cert_der;
    X509 *x = d2i_X509(NULL, &p, (long)cert_len);
    if (x == NULL || p != cert_der + cert_len) {
        X509_free(x);
        set_err(err, cap, "certificate DER does not parse");
        return 0;
    }
    p = key_der;
    EVP_PKEY *k = d2i_AutoPrivateKey(NULL, &p, (long)key_len);
    if (k == NULL) {
        X509_free(x);
        set_err(err, cap, "private key DER does not parse");
        return 0;
    }
    if (X509_check_private_key(x, k) != 1) {
        X509_free(x);
        EVP_PKEY_free(k);
        set_err(err, cap, "private key does not match the certificate");
        return 0;
    }
    *x_out = x;
    *k_out = k;
    return 1;
}

int cdtls_check_certificate(const uint8_t *cert_der, size_t cert_len,
                            const uint8_t *key_der, size_t key_len,
                            int64_t *not_after_unix, char *err, size_t err_cap) {
    clear_errors();
    X509 *x = NULL;
    EVP_PKEY *k = NULL;
    if (!load_pair(cert_der, cert_len, key_der, key_len, &x, &k, err, err_cap)) return 0;
    int64_t not_after = 0;
    *not_after_unix = ASN1_TIME_to_posix(X509_get0_notAfter(x), &not_after) == 1 ? not_after : 0;
    X509_free(x);
    EVP_PKEY_free(k);
    clear_errors();
    return 1;
}

// MARK: BIOs

static BIO_METHOD *g_out_method, *g_in_method;
static pthread_once_t g_methods_once = PTHREAD_ONCE_INIT;

static int out_write(BIO *b, const char *data, int len) {
    cdtls_conn *c = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    if (c == NULL || len < 0) return -1;
    size_t n = (size_t)len;
    if (!c->writing_app_data) c->flight_writes++;
    // An application record goes straight into the caller's buffer when nothing is queued ahead
    // of it (the caller sends that buffer before the queue), saving a node and a second copy.
    if (c->direct_out != NULL && c->direct_len == 0 && c->out_head == NULL && n <= c->direct_cap) {
        memcpy(c->direct_out, data, n);
        c->direct_len = n;
        return len;
    }
    // Like UDP: when the consumer does not drain, drop rather than grow without bound.
    // RFC 6347 §4.1.1: "Multiple DTLS records may be placed in a single datagram." The records
    // of one handshake flight (everything written during one shim call, since the caller drains
    // the queue after each) share datagrams up to the MTU, so a flight is 1-2 datagrams instead
    // of 5 and survives loss far better (BoringSSL already packs a flight into MTU-sized
    // datagrams; this joins a short last one to what follows). Application records travel alone.
    cdtls_datagram *t = c->out_tail;
    if (t != NULL && !t->sealed && !c->writing_app_data && t->len + n <= t->cap) {
        memcpy(t->data + t->len, data, n);
        t->len += n;
        return len;
    }
    if (c->out_count >= CDTLS_MAX_QUEUED_DATAGRAMS) return len;
    size_t cap = n > c->mtu ? n : c->mtu;
    cdtls_datagram *d = malloc(sizeof *d + cap);
    if (d == NULL) return -1;
    d->next = NULL;
    d->len = n;
    d->cap = c->writing_app_data ? n : cap;
    d->sealed = c->writing_app_data;
    memcpy(d->data, data, n);
    if (c->out_tail != NULL) c->out_tail->next = d; else c->out_head = d;
    c->out_tail = d;
    c->out_count++;
    return len;
}

static long out_ctrl(BIO *b, int cmd, long num, void *ptr) {
    (void)b; (void)num; (void)ptr;
    switch (cmd) {
    case BIO_CTRL_FLUSH: return 1;           // dtls1_flush() treats <= 0 as "want write"
    case BIO_CTRL_WPENDING: return 0;
    default: return 0;
    }
}

static int in_read(BIO *b, char *out, int cap) {
    cdtls_conn *c = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    if (c == NULL || !c->in_pending) {
        // Same as a memory BIO with BIO_set_mem_eof_return(rbio, -1): "no data yet, retry".
        BIO_set_retry_read(b);
        return -1;
    }
    size_t n = c->in_len < (size_t)cap ? c->in_len : (size_t)cap;  // truncates like recvfrom
    memcpy(out, c->in_data, n);
    c->in_pending = 0;
    c->in_len = 0;
    c->in_data = NULL;
    return (int)n;
}

static long in_ctrl(BIO *b, int cmd, long num, void *ptr) {
    (void)num; (void)ptr;
    cdtls_conn *c = BIO_get_data(b);
    switch (cmd) {
    case BIO_CTRL_PENDING: return c != NULL && c->in_pending ? (long)c->in_len : 0;
    case BIO_CTRL_FLUSH: return 1;
    default: return 0;
    }
}

static int bio_create(BIO *b) { BIO_set_init(b, 1); BIO_set_data(b, NULL); return 1; }
static int bio_destroy(BIO *b) { BIO_set_data(b, NULL); return 1; }

static void make_methods(void) {
    g_out_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "cdtls datagram out");
    if (g_out_method != NULL) {
        BIO_meth_set_write(g_out_method, out_write);
        BIO_meth_set_ctrl(g_out_method, out_ctrl);
        BIO_meth_set_create(g_out_method, bio_create);
        BIO_meth_set_destroy(g_out_method, bio_destroy);
    }
    g_in_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "cdtls datagram in");
    if (g_in_method != NULL) {
        BIO_meth_set_read(g_in_method, in_read);
        BIO_meth_set_ctrl(g_in_method, in_ctrl);
        BIO_meth_set_create(g_in_method, bio_create);
        BIO_meth_set_destroy(g_in_method, bio_destroy);
    }
}

// MARK: callbacks

static int check_fingerprints(cdtls_conn *c) {
    if (c->peer_cert == NULL) return CDTLS_FP_UNCHECKED;
    if (c->fp_count == 0) return CDTLS_FP_NONE_SET;
    for (int i = 0; i < c->fp_count; i++) {
        uint8_t md[EVP_MAX_MD_SIZE];
        size_t n = cdtls_digest(c->fps[i].md_name, CRYPTO_BUFFER_data(c->peer_cert),
                                CRYPTO_BUFFER_len(c->peer_cert), md);
        if (n != 0 && n == c->fps[i].len && memcmp(md, c->fps[i].bytes, n) == 0) {
            c->fp_index = i;
            return CDTLS_FP_MATCHED;
        }
    }
    return CDTLS_FP_MISMATCH;
}

// Replaces chain verification: a WebRTC peer's certificate is self-signed and is authenticated
// by its fingerprint from the signalled SDP instead (RFC 8122 §5, RFC 8827 §6.5). The leaf's DER
// is hashed as received (DTLS_with_buffers_method parses no X509). With fingerprints already
// known it is checked here, so a mismatch aborts the handshake with a bad_certificate alert;
// otherwise it is accepted and checked when the handshake ends, or, when the caller asked to
// wait, the handshake pauses here until it has them (an offerer answering an early ClientHello).
static enum ssl_verify_result_t cert_verify_cb(SSL *ssl, uint8_t *out_alert) {
    cdtls_conn *c = SSL_get_app_data(ssl);
    const STACK_OF(CRYPTO_BUFFER) *chain = SSL_get0_peer_certificates(ssl);
    *out_alert = SSL_AD_BAD_CERTIFICATE;
    if (c == NULL || chain == NULL || sk_CRYPTO_BUFFER_num(chain) == 0) return ssl_verify_invalid;
    CRYPTO_BUFFER *leaf = sk_CRYPTO_BUFFER_value(chain, 0);
    CRYPTO_BUFFER_up_ref(leaf);
    CRYPTO_BUFFER_free(c->peer_cert);
    c->peer_cert = leaf;
    if (c->fp_count == 0) return c->verify_waits ? ssl_verify_retry : ssl_verify_ok;
    c->fp_state = check_fingerprints(c);
    if (c->fp_state == CDTLS_FP_MATCHED) return ssl_verify_ok;
    return ssl_verify_invalid;
}

static void info_cb(const SSL *s, int where, int ret) {
    if ((where & SSL_CB_READ_ALERT) == 0) return;
    cdtls_conn *c = SSL_get_app_data(s);
    if (c == NULL || (ret >> 8) != SSL3_AL_FATAL) return;
    snprintf(c->alert, sizeof c->alert, "%s", SSL_alert_desc_string_long(ret));
}

// MARK: connections

// MARK: contexts

// One SSL_CTX per certificate, shared by its connections (BoringSSL counts references; a context is
// read-only once configured). Building one took 1.5-2 ms in OpenSSL 3.0 (decoding the key DER
// alone ~1 ms), twice per connection set-up, most of the connect figure (issue 15); BoringSSL
// needs far less, but the certificate check and parse still need not run per connection.
#define CDTLS_CONTEXT_CACHE 8

typedef struct {
    SSL_CTX *ctx;
    uint8_t *cert, *key;
    size_t cert_len, key_len;
    uint64_t used;
} cdtls_cached_context;

static cdtls_cached_context g_contexts[CDTLS_CONTEXT_CACHE];
static uint64_t g_context_clock;
static pthread_mutex_t g_contexts_lock = PTHREAD_MUTEX_INITIALIZER;

static SSL_CTX *make_context(const uint8_t *cert_der, size_t cert_len, const uint8_t *key_der,
                             size_t key_len, char *err, size_t err_cap) {
    X509 *x = NULL;
    EVP_PKEY *k = NULL;
    SSL_CTX *ctx = NULL;
    CRYPTO_BUFFER *cert = NULL;
    if (!load_pair(cert_der, cert_len, key_der, key_len, &x, &k, err, err_cap)) goto fail;
    cert = CRYPTO_BUFFER_new(cert_der, cert_len, NULL);
    // DTLS_with_buffers_method keeps certificates as DER (CRYPTO_BUFFER): no X509 is built for
    // the peer's certificate, which the fingerprint check does not need.
    ctx = SSL_CTX_new(DTLS_with_buffers_method());
    if (cert == NULL || ctx == NULL) { set_err(err, err_cap, "SSL_CTX_new failed"); goto fail; }
    // DTLS 1.2 only (RFC 8827 §6.5 requires at least 1.2; the peers we meet speak 1.2).
    if (SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(ctx, DTLS1_2_VERSION) != 1 ||
        SSL_CTX_set_strict_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256:"
                                               "ECDHE-ECDSA-AES256-GCM-SHA384:"
                                               "ECDHE-ECDSA-CHACHA20-POLY1305") != 1 ||
        SSL_CTX_set1_groups_list(ctx, "X25519:P-256:P-384") != 1 ||
        SSL_CTX_set_chain_and_key(ctx, &cert, 1, k, NULL) != 1) {
        set_err(err, err_cap, "SSL_CTX configuration failed");
        goto fail;
    }
    // BoringSSL never renegotiates as a server and refuses to as a client by default.
    SSL_CTX_set_options(ctx, SSL_OP_NO_QUERY_MTU | SSL_OP_NO_TICKET | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    // RFC 5764 §4.1.1 use_srtp. A data-channel-only peer never keys SRTP, but Pion's DTLS fails
    // the handshake with insufficient_security when no profile is negotiated (its WebRTC
    // transport always asks for one), so offer and accept the two profiles browsers use.
    if (SSL_CTX_set_srtp_profiles(ctx, "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80") != 1) {
        set_err(err, err_cap, "SSL_CTX_set_srtp_profiles failed");
        goto fail;
    }
    SSL_CTX_set_custom_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, cert_verify_cb);
    SSL_CTX_set_current_time_cb(ctx, current_time_cb);
    CRYPTO_BUFFER_free(cert);
    X509_free(x);
    EVP_PKEY_free(k);
    return ctx;
fail:
    SSL_CTX_free(ctx);
    CRYPTO_BUFFER_free(cert);
    X509_free(x);
    EVP_PKEY_free(k);
    return NULL;
}

// The context for this certificate and key, with a reference for the caller: from the cache, or
// built and cached (the least recently used entry gives its place up).
static SSL_CTX *shared_context(const uint8_t *cert_der, size_t cert_len, const uint8_t *key_der,
                               size_t key_len, char *err, size_t err_cap) {
    pthread_mutex_lock(&g_contexts_lock);
    for (int i = 0; i < CDTLS_CONTEXT_CACHE; i++) {
        cdtls_cached_context *e = &g_contexts[i];
        if (e->ctx != NULL && e->cert_len == cert_len && e->key_len == key_len &&
            memcmp(e->cert, cert_der, cert_len) == 0 && memcmp(e->key, key_der, key_len) == 0 &&
            SSL_CTX_up_ref(e->ctx) == 1) {
            e->used = ++g_context_clock;
            SSL_CTX *ctx = e->ctx;
            pthread_mutex_unlock(&g_contexts_lock);
            return ctx;
        }
    }
    pthread_mutex_unlock(&g_contexts_lock);
    SSL_CTX *ctx = make_context(cert_der, cert_len, key_der, key_len, err, err_cap);
    if (ctx == NULL) return NULL;
    uint8_t *cert = malloc(cert_len), *key = malloc(key_len);
    if (cert == NULL || key == NULL || SSL_CTX_up_ref(ctx) != 1) {
        free(cert);
        free(key);
        return ctx;  // uncached: the caller's reference is the only one
    }
    memcpy(cert, cert_der, cert_len);
    memcpy(key, key_der, key_len);
    pthread_mutex_lock(&g_contexts_lock);
    cdtls_cached_context *slot = &g_contexts[0];
    for (int i = 0; i < CDTLS_CONTEXT_CACHE; i++) {
        if (g_contexts[i].ctx == NULL) { slot = &g_contexts[i]; break; }
        if (g_contexts[i].used < slot->used) slot = &g_contexts[i];
    }
    cdtls_cached_context old = *slot;
    *slot = (cdtls_cached_context){.ctx = ctx, .cert = cert, .key = key, .cert_len = cert_len,
                                   .key_len = key_len, .used = ++g_context_clock};
    pthread_mutex_unlock(&g_contexts_lock);
    SSL_CTX_free(old.ctx);
    if (old.key != NULL) OPENSSL_cleanse(old.key, old.key_len);
    free(old.cert);
    free(old.key);
    return ctx;
}

cdtls_conn *cdtls_conn_new(int is_server, const uint8_t *cert_der, size_t cert_len,
                           const uint8_t *key_der, size_t key_len, int mtu,
                           char *err, size_t err_cap) {
    clear_errors();
    pthread_once(&g_methods_once, make_methods);
    if (g_out_method == NULL || g_in_method == NULL) {
        snprintf(err, err_cap, "BIO_meth_new failed");
        return NULL;
    }
    cdtls_conn *c = calloc(1, sizeof *c);
    if (c == NULL) { snprintf(err, err_cap, "out of memory"); return NULL; }
    c->clock.tv_sec = CDTLS_CLOCK_START_SECONDS;
    c->mtu = mtu > 0 ? (size_t)mtu : 1200;

    BIO *rbio = NULL, *wbio = NULL;
    c->ctx = shared_context(cert_der, cert_len, key_der, key_len, err, err_cap);
    if (c->ctx == NULL) goto fail;

    c->ssl = SSL_new(c->ctx);
    rbio = BIO_new(g_in_method);
    wbio = BIO_new(g_out_method);
    if (c->ssl == NULL || rbio == NULL || wbio == NULL) { set_err(err, err_cap, "SSL_new failed"); goto fail; }
    BIO_set_data(rbio, c);
    BIO_set_data(wbio, c);
    SSL_set_app_data(c->ssl, c);
    SSL_set_bio(c->ssl, rbio, wbio);  // the SSL owns both BIOs from here
    rbio = wbio = NULL;
    SSL_set_info_callback(c->ssl, info_cb);
    if (SSL_set_mtu(c->ssl, (unsigned)c->mtu) != 1) {
        set_err(err, err_cap, "MTU too small");
        goto fail;
    }
    if (is_server) SSL_set_accept_state(c->ssl); else SSL_set_connect_state(c->ssl);
    clear_errors();
    return c;
fail:
    BIO_free(rbio);
    BIO_free(wbio);
    cdtls_conn_free(c);
    clear_errors();
    return NULL;
}

void cdtls_conn_free(cdtls_conn *c) {
    if (c == NULL) return;
    SSL_free(c->ssl);  // frees the BIOs
    SSL_CTX_free(c->ctx);
    cdtls_datagram *d = c->out_head;
    while (d != NULL) {
        cdtls_datagram *next = d->next;
        free(d);
        d = next;
    }
    CRYPTO_BUFFER_free(c->peer_cert);
    clear_errors();
    free(c);
}

void cdtls_conn_clear_fingerprints(cdtls_conn *c) { c->fp_count = 0; }

void cdtls_conn_set_verify_waits(cdtls_conn *c, int on) { c->verify_waits = on != 0; }

int cdtls_conn_add_fingerprint(cdtls_conn *c, const char *openssl_name, const uint8_t *bytes, size_t len) {
    if (c->fp_count >= CDTLS_MAX_FINGERPRINTS || len > EVP_MAX_MD_SIZE ||
        strlen(openssl_name) >= sizeof c->fps[0].md_name) return 0;
    const EVP_MD *md = EVP_get_digestbyname(openssl_name);
    clear_errors();
    if (md == NULL) return 0;
    cdtls_fingerprint *f = &c->fps[c->fp_count++];
    snprintf(f->md_name, sizeof f->md_name, "%s", openssl_name);
    memcpy(f->bytes, bytes, len);
    f->len = len;
    return 1;
}

int cdtls_conn_check_fingerprint(cdtls_conn *c, int *matched_index) {
    c->fp_state = check_fingerprints(c);
    *matched_index = c->fp_state == CDTLS_FP_MATCHED ? c->fp_index : -1;
    clear_errors();
    return c->fp_state;
}

int cdtls_conn_lend_datagram(cdtls_conn *c, const uint8_t *data, size_t len) {
    if (data == NULL || len == 0 || len > CDTLS_MAX_INBOUND_DATAGRAM) return 0;
    c->in_data = data;
    c->in_len = len;
    c->in_pending = 1;
    return 1;
}

void cdtls_conn_discard_input(cdtls_conn *c) {
    c->in_pending = 0;
    c->in_len = 0;
    c->in_data = NULL;
}

int cdtls_conn_handshake(cdtls_conn *c) {
    enter(c);
    uint64_t writes = c->flight_writes;
    int r = SSL_do_handshake(c->ssl);
    note_flight(c, writes);
    int m = r == 1 ? CDTLS_OK : map_result(c, r, "SSL_do_handshake");
    clear_errors();
    leave();
    return m == CDTLS_CLOSED ? CDTLS_FATAL : m;
}

int cdtls_conn_read(cdtls_conn *c, uint8_t *buf, size_t cap, size_t *out_len, int *more) {
    enter(c);
    *out_len = 0;
    *more = 0;
    uint64_t writes = c->flight_writes;
    int r = SSL_read(c->ssl, buf, cap > 0x7fffffff ? 0x7fffffff : (int)cap);
    note_flight(c, writes);
    int m;
    if (r > 0) {
        *out_len = (size_t)r;
        // DTLS reads a whole datagram into its buffer: what is left of it and a record not read
        // to its end are what SSL_has_pending counts; an input not yet taken is ours.
        *more = c->in_pending || SSL_has_pending(c->ssl);
        m = CDTLS_OK;
    } else {
        m = map_result(c, r, "SSL_read");
        if (m == CDTLS_OK) m = CDTLS_WANT;
    }
    clear_errors();
    leave();
    return m;
}

int cdtls_conn_write(cdtls_conn *c, const uint8_t *data, size_t len, uint8_t *out, size_t out_cap,
                     size_t *out_len) {
    enter(c);
    *out_len = 0;
    c->direct_out = out;
    c->direct_cap = out != NULL ? out_cap : 0;
    c->direct_len = 0;
    c->writing_app_data = 1;
    int r = SSL_write(c->ssl, data, (int)len);
    c->writing_app_data = 0;
    *out_len = c->direct_len;
    c->direct_out = NULL;
    c->direct_cap = 0;
    c->direct_len = 0;
    leave();
    if (r > 0 && (size_t)r == len) {
        clear_errors();
        return CDTLS_OK;
    }
    int m = map_result(c, r, "SSL_write");
    if (m != CDTLS_FATAL) snprintf(c->err, sizeof c->err, "SSL_write wrote %d of %zu bytes", r, len);
    return CDTLS_FATAL;
}

int cdtls_conn_shutdown(cdtls_conn *c) {
    clear_errors();
    if (!SSL_is_init_finished(c->ssl)) return CDTLS_OK;  // nothing to protect a close_notify with
    t_clock = &c->clock;
    int r = SSL_shutdown(c->ssl);  // 0: close_notify sent, peer's not yet seen; fine for us
    leave();
    if (r >= 0) {
        clear_errors();
        return CDTLS_OK;
    }
    set_err(c->err, sizeof c->err, "SSL_shutdown failed");
    return CDTLS_FATAL;
}

uint8_t *cdtls_conn_pop_datagram(cdtls_conn *c, size_t *len) {
    cdtls_datagram *d = c->out_head;
    if (d == NULL) {
        *len = 0;
        return NULL;
    }
    c->out_head = d->next;
    if (c->out_head == NULL) c->out_tail = NULL;
    c->out_count--;
    // Hand the node itself out: the payload is moved to the front so one free() releases it.
    size_t n = d->len;
    memmove(d, d->data, n);
    *len = n;
    return (uint8_t *)d;
}

int cdtls_conn_timer_armed(const cdtls_conn *c) {
    struct timeval tv;
    t_clock = &c->clock;
    int armed = DTLSv1_get_timeout(c->ssl, &tv) == 1;
    leave();
    return armed;
}

uint64_t cdtls_conn_timer_fresh_starts(const cdtls_conn *c) { return c->timer_fresh_starts; }

// Moves the connection's clock to BoringSSL's retransmission deadline, so that
// DTLSv1_handle_timeout retransmits the flight (with fresh record sequence numbers) and restarts
// its timer from there; BoringSSL counts the expiry towards its limit of 12.
static int expire_timer(cdtls_conn *c) {
    struct timeval left;
    if (DTLSv1_get_timeout(c->ssl, &left) != 1) return 0;
    c->clock.tv_sec += left.tv_sec;
    c->clock.tv_usec += left.tv_usec;
    if (c->clock.tv_usec >= 1000000) {
        c->clock.tv_sec += 1;
        c->clock.tv_usec -= 1000000;
    }
    int r = DTLSv1_handle_timeout(c->ssl);
    if (r < 0) {
        set_err(c->err, sizeof c->err, "DTLSv1_handle_timeout failed");
        return CDTLS_FATAL;
    }
    return r > 0 ? 1 : 0;
}

int cdtls_conn_force_timeout(cdtls_conn *c) {
    enter(c);
    int r = expire_timer(c);
    clear_errors();
    leave();
    return r;
}

void cdtls_conn_set_initial_timeout_us(cdtls_conn *c, unsigned int us) {
    DTLSv1_set_initial_timeout_duration(c->ssl, us < 1000 ? 1 : us / 1000);
}

int cdtls_conn_is_init_finished(const cdtls_conn *c) { return SSL_is_init_finished(c->ssl); }
const char *cdtls_conn_error(const cdtls_conn *c) { return c->err; }
const char *cdtls_conn_alert(const cdtls_conn *c) { return c->alert; }
const char *cdtls_conn_cipher(const cdtls_conn *c) {
    const SSL_CIPHER *cipher = SSL_get_current_cipher(c->ssl);
    return cipher != NULL ? SSL_CIPHER_get_name(cipher) : "";
}
