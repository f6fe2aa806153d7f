#include "CUsrsctp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <usrsctp.h>  // the vendored usrsctp 0.9.5.0 (CUsrsctpLib), not a system copy

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>
#define CUSRSCTP_CRC32C_INSTRUCTION 1
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
#define CUSRSCTP_CRC32C_INSTRUCTION 1
#endif

static cusrsctp_output_fn output_fn;
static cusrsctp_data_fn data_fn;
static cusrsctp_notification_fn notification_fn;
static cusrsctp_send_space_fn send_space_fn;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int initialized;

// The SCTP checksum (RFC 9260 §6.8, CRC32c) by the CPU's CRC32c instruction. usrsctp's own loop
// (in Debian's unoptimised build) took a tenth of the bulk path's CPU, so with the instruction
// available usrsctp is told the checksum is "offloaded" and the shim fills and checks it here.
static int crc_offloaded;

#if defined(CUSRSCTP_CRC32C_INSTRUCTION)
#if defined(__x86_64__) || defined(__i386__)
__attribute__((target("sse4.2")))
#endif
static uint32_t crc32c_update(uint32_t crc, const uint8_t *p, size_t n) {
#if defined(__x86_64__)
    uint64_t wide = crc;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        wide = _mm_crc32_u64(wide, v);
    }
    crc = (uint32_t)wide;
#endif
    for (; n > 0; p++, n--) {
#if defined(__x86_64__) || defined(__i386__)
        crc = _mm_crc32_u8(crc, *p);
#else
        crc = __crc32cb(crc, *p);
#endif
    }
    return crc;
}

static int crc_instruction_available(void) {
#if defined(__x86_64__) || defined(__i386__)
    return __builtin_cpu_supports("sse4.2");
#else
    return 1;
#endif
}

// RFC 9260 Appendix A: CRC32c over the whole packet with the checksum field taken as zero, stored
// least significant byte first.
static uint32_t packet_crc32c(const uint8_t *packet, size_t length) {
    static const uint8_t zero[4] = {0, 0, 0, 0};
    uint32_t crc = crc32c_update(0xffffffffu, packet, 8);
    crc = crc32c_update(crc, zero, 4);
    crc = crc32c_update(crc, packet + 12, length - 12);
    return ~crc;
}
#else
static int crc_instruction_available(void) { return 0; }
static uint32_t packet_crc32c(const uint8_t *packet, size_t length) {
    (void)packet;
    (void)length;
    return 0;
}
#endif

static int on_output(void *addr, void *buffer, size_t length, uint8_t tos, uint8_t set_df) {
    (void)tos;
    (void)set_df;
    if (crc_offloaded && length >= 12) {
        uint32_t crc = packet_crc32c(buffer, length);
        uint8_t *field = (uint8_t *)buffer + 8;
        field[0] = (uint8_t)crc;
        field[1] = (uint8_t)(crc >> 8);
        field[2] = (uint8_t)(crc >> 16);
        field[3] = (uint8_t)(crc >> 24);
    }
    output_fn((uintptr_t)addr, buffer, length);
    return 0;
}

void cusrsctp_initialize(cusrsctp_output_fn output, cusrsctp_data_fn data,
                         cusrsctp_notification_fn notification, cusrsctp_send_space_fn send_space) {
    pthread_mutex_lock(&init_lock);
    if (!initialized) {
        output_fn = output;
        data_fn = data;
        notification_fn = notification;
        send_space_fn = send_space;
        // No threads, no raw sockets: we drive the timers from our clock (usrsctp_handle_timers).
        usrsctp_init_nothreads(0, on_output, NULL);
        usrsctp_sysctl_set_sctp_ecn_enable(0);
        usrsctp_sysctl_set_sctp_initial_cwnd(10);                  // in MTUs
        usrsctp_sysctl_set_sctp_delayed_sack_time_default(20);
        usrsctp_sysctl_set_sctp_rto_min_default(200);
        usrsctp_sysctl_set_sctp_rto_initial_default(1000);
        usrsctp_sysctl_set_sctp_rto_max_default(10000);
        usrsctp_sysctl_set_sctp_init_rto_max_default(10000);
        usrsctp_sysctl_set_sctp_heartbeat_interval_default(10000);
        // 1 MiB of 1200-byte packets is ~900 chunks; the default cap (512) would stall the sender.
        usrsctp_sysctl_set_sctp_max_chunks_on_queue(10 * 1024);
        usrsctp_sysctl_set_sctp_sendspace(1024 * 1024);
        usrsctp_sysctl_set_sctp_recvspace(1024 * 1024);
        if (crc_instruction_available()) {
            usrsctp_enable_crc32c_offload();
            crc_offloaded = 1;
        }
        initialized = 1;
    }
    pthread_mutex_unlock(&init_lock);
}

static void forward_notification(uintptr_t token, const union sctp_notification *n, size_t length) {
    if (length < sizeof(struct sctp_tlv) || length < n->sn_header.sn_length) {
        return;
    }
    switch (n->sn_header.sn_type) {
    case SCTP_ASSOC_CHANGE: {
        if (length < sizeof(struct sctp_assoc_change)) {
            return;
        }
        const struct sctp_assoc_change *sac = &n->sn_assoc_change;
        switch (sac->sac_state) {
        case SCTP_COMM_UP:
            notification_fn(token, CUSRSCTP_COMM_UP, 0, sac->sac_outbound_streams,
                            sac->sac_inbound_streams, NULL, 0);
            break;
        case SCTP_COMM_LOST: {
            // usrsctp appends the peer's ABORT chunk to sac_info when the peer aborted.
            uint32_t from_peer = sac->sac_length > sizeof(struct sctp_assoc_change) ? 1 : 0;
            notification_fn(token, CUSRSCTP_COMM_LOST, from_peer, 0, 0, NULL, 0);
            break;
        }
        case SCTP_SHUTDOWN_COMP:
            notification_fn(token, CUSRSCTP_SHUTDOWN_COMPLETE, 0, 0, 0, NULL, 0);
            break;
        case SCTP_CANT_STR_ASSOC:
            notification_fn(token, CUSRSCTP_CANT_START, 0, 0, 0, NULL, 0);
            break;
        case SCTP_RESTART:
            notification_fn(token, CUSRSCTP_RESTART, 0, sac->sac_outbound_streams,
                            sac->sac_inbound_streams, NULL, 0);
            break;
        default:
            break;
        }
        break;
    }
    case SCTP_STREAM_RESET_EVENT: {
        if (length < sizeof(struct sctp_stream_reset_event)) {
            return;
        }
        const struct sctp_stream_reset_event *e = &n->sn_strreset_event;
        size_t bytes = e->strreset_length < length ? e->strreset_length : length;
        size_t count = (bytes - sizeof(struct sctp_stream_reset_event)) / sizeof(uint16_t);
        notification_fn(token, CUSRSCTP_STREAM_RESET, e->strreset_flags, 0, 0, e->strreset_stream_list,
                        count);
        break;
    }
    case SCTP_SENDER_DRY_EVENT:
        notification_fn(token, CUSRSCTP_SENDER_DRY, 0, 0, 0, NULL, 0);
        break;
    case SCTP_PARTIAL_DELIVERY_EVENT:
        notification_fn(token, CUSRSCTP_PARTIAL_DELIVERY_ABORTED, 0, 0, 0, NULL, 0);
        break;
    case SCTP_SHUTDOWN_EVENT:
        notification_fn(token, CUSRSCTP_REMOTE_SHUTDOWN, 0, 0, 0, NULL, 0);
        break;
    default:
        break;
    }
}

// The receive callback owns `data` (allocated by usrsctp with malloc) and must free it.
static int on_receive(struct socket *sock, union sctp_sockstore addr, void *data, size_t length,
                      struct sctp_rcvinfo info, int flags, void *ulp_info) {
    (void)sock;
    (void)addr;
    uintptr_t token = (uintptr_t)ulp_info;
    if (data == NULL) {
        return 1;  // end of file: the association's fate arrives as an ASSOC_CHANGE notification
    }
    if (flags & MSG_NOTIFICATION) {
        forward_notification(token, (const union sctp_notification *)data, length);
    } else {
        data_fn(token, data, length, info.rcv_sid, ntohl(info.rcv_ppid),
                (info.rcv_flags & SCTP_UNORDERED) ? 1 : 0, (flags & MSG_EOR) ? 1 : 0);
    }
    free(data);
    return 1;
}

static int on_send_space(struct socket *sock, uint32_t free_bytes, void *ulp_info) {
    (void)sock;
    send_space_fn((uintptr_t)ulp_info, free_bytes);
    return 0;
}

#define SET(level, name, value, what)                                                            \
    do {                                                                                           \
        if (usrsctp_setsockopt(so, level, name, &(value), (socklen_t)sizeof(value)) != 0) {        \
            *error = errno;                                                                        \
            *step = what;                                                                          \
            goto fail;                                                                             \
        }                                                                                          \
    } while (0)

cusrsctp_socket *cusrsctp_open(uintptr_t token, const cusrsctp_options *options, int *error,
                               const char **step) {
    usrsctp_register_address((void *)token);
    struct socket *so = usrsctp_socket(AF_CONN, SOCK_STREAM, IPPROTO_SCTP, on_receive, on_send_space,
                                       0, (void *)token);
    if (so == NULL) {
        *error = errno;
        *step = "usrsctp_socket";
        usrsctp_deregister_address((void *)token);
        return NULL;
    }
    if (usrsctp_set_non_blocking(so, 1) != 0) {
        *error = errno;
        *step = "usrsctp_set_non_blocking";
        goto fail;
    }
    int one = 1;
    SET(IPPROTO_SCTP, SCTP_RECVRCVINFO, one, "SCTP_RECVRCVINFO");
    SET(IPPROTO_SCTP, SCTP_NODELAY, one, "SCTP_NODELAY");

    struct linger no_linger = {.l_onoff = 1, .l_linger = 0};
    SET(SOL_SOCKET, SO_LINGER, no_linger, "SO_LINGER");
    int sndbuf = (int)options->send_buffer;
    int rcvbuf = (int)options->receive_buffer;
    SET(SOL_SOCKET, SO_SNDBUF, sndbuf, "SO_SNDBUF");
    SET(SOL_SOCKET, SO_RCVBUF, rcvbuf, "SO_RCVBUF");

    struct sctp_assoc_value reset = {
        .assoc_id = SCTP_FUTURE_ASSOC,
        .assoc_value = SCTP_ENABLE_RESET_STREAM_REQ | SCTP_ENABLE_CHANGE_ASSOC_REQ,
    };
    SET(IPPROTO_SCTP, SCTP_ENABLE_STREAM_RESET, reset, "SCTP_ENABLE_STREAM_RESET");

    static const uint16_t events[] = {SCTP_ASSOC_CHANGE, SCTP_STREAM_RESET_EVENT, SCTP_SENDER_DRY_EVENT,
                                      SCTP_PARTIAL_DELIVERY_EVENT, SCTP_SHUTDOWN_EVENT};
    for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
        struct sctp_event event = {.se_assoc_id = SCTP_FUTURE_ASSOC, .se_type = events[i], .se_on = 1};
        SET(IPPROTO_SCTP, SCTP_EVENT, event, "SCTP_EVENT");
    }

    struct sctp_initmsg init = {
        .sinit_num_ostreams = options->streams,
        .sinit_max_instreams = options->streams,
    };
    SET(IPPROTO_SCTP, SCTP_INITMSG, init, "SCTP_INITMSG");

    struct sctp_rtoinfo rto = {
        .srto_assoc_id = SCTP_FUTURE_ASSOC,
        .srto_initial = options->rto_initial_ms,
        .srto_max = options->rto_max_ms,
        .srto_min = options->rto_min_ms,
    };
    SET(IPPROTO_SCTP, SCTP_RTOINFO, rto, "SCTP_RTOINFO");

    struct sctp_sack_info sack = {
        .sack_assoc_id = SCTP_FUTURE_ASSOC,
        .sack_delay = options->sack_delay_ms,
        .sack_freq = options->sack_frequency,
    };
    SET(IPPROTO_SCTP, SCTP_DELAYED_SACK, sack, "SCTP_DELAYED_SACK");

    // A fixed path MTU: SCTP packets must fit in one DTLS record over UDP (RFC 8261 §5).
    struct sctp_paddrparams params;
    memset(&params, 0, sizeof(params));
    params.spp_assoc_id = SCTP_FUTURE_ASSOC;
    params.spp_flags = SPP_PMTUD_DISABLE | SPP_HB_ENABLE;
    params.spp_pathmtu = options->path_mtu;
    params.spp_hbinterval = options->heartbeat_ms;
    SET(IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, params, "SCTP_PEER_ADDR_PARAMS");

    struct sockaddr_conn local;
    memset(&local, 0, sizeof(local));
    local.sconn_family = AF_CONN;
    local.sconn_port = htons(options->local_port);
    local.sconn_addr = (void *)token;
    if (usrsctp_bind(so, (struct sockaddr *)&local, sizeof(local)) != 0) {
        *error = errno;
        *step = "usrsctp_bind";
        goto fail;
    }
    return (cusrsctp_socket *)so;

fail:
    usrsctp_close(so);
    usrsctp_deregister_address((void *)token);
    return NULL;
}

int cusrsctp_connect(cusrsctp_socket *socket, uintptr_t token, uint16_t remote_port) {
    struct sockaddr_conn remote;
    memset(&remote, 0, sizeof(remote));
    remote.sconn_family = AF_CONN;
    remote.sconn_port = htons(remote_port);
    remote.sconn_addr = (void *)token;
    if (usrsctp_connect((struct socket *)socket, (struct sockaddr *)&remote, sizeof(remote)) != 0 &&
        errno != EINPROGRESS) {
        return errno;
    }
    return 0;
}

int cusrsctp_conninput(uintptr_t token, const void *data, size_t length) {
    if (crc_offloaded && length >= 12) {
        // usrsctp no longer checks the checksum itself (offloaded): RFC 9260 §6.8, discard on mismatch.
        const uint8_t *field = (const uint8_t *)data + 8;
        uint32_t stored = (uint32_t)field[0] | (uint32_t)field[1] << 8 | (uint32_t)field[2] << 16 |
                          (uint32_t)field[3] << 24;
        if (stored != packet_crc32c(data, length)) {
            return 0;
        }
    }
    usrsctp_conninput((void *)token, data, length, 0);
    return 1;
}

uint32_t cusrsctp_packet_crc32c(const void *packet, size_t length) {
    if (length < 12) {
        return 0;
    }
    if (crc_offloaded) {
        return packet_crc32c(packet, length);
    }
    // usrsctp's own loop, over a copy with the checksum field zeroed.
    uint8_t *copy = malloc(length);
    if (copy == NULL) {
        return 0;
    }
    memcpy(copy, packet, length);
    memset(copy + 8, 0, 4);
    uint32_t value = usrsctp_crc32c(copy, length);
    free(copy);
    uint8_t bytes[4];
    memcpy(bytes, &value, 4);
    return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
}

int cusrsctp_crc32c_offloaded(void) { return crc_offloaded; }

void cusrsctp_handle_timers(uint32_t elapsed_ms) { usrsctp_handle_timers(elapsed_ms); }

int cusrsctp_send(cusrsctp_socket *socket, const void *data, size_t length, uint16_t stream,
                  uint32_t ppid, int unordered, int pr_policy, uint32_t pr_value) {
    struct sctp_sendv_spa spa;
    memset(&spa, 0, sizeof(spa));
    spa.sendv_flags = SCTP_SEND_SNDINFO_VALID;
    spa.sendv_sndinfo.snd_sid = stream;
    spa.sendv_sndinfo.snd_flags = SCTP_EOR | (unordered ? SCTP_UNORDERED : 0);
    spa.sendv_sndinfo.snd_ppid = htonl(ppid);  // network order on the wire and in the API
    if (pr_policy != 0) {
        spa.sendv_flags |= SCTP_SEND_PRINFO_VALID;
        spa.sendv_prinfo.pr_policy = pr_policy == 1 ? SCTP_PR_SCTP_TTL : SCTP_PR_SCTP_RTX;
        spa.sendv_prinfo.pr_value = pr_value;
    }
    ssize_t sent = usrsctp_sendv((struct socket *)socket, data, length, NULL, 0, &spa,
                                 (socklen_t)sizeof(spa), SCTP_SENDV_SPA, 0);
    if (sent < 0) {
        return errno;
    }
    return 0;
}

int cusrsctp_reset_streams(cusrsctp_socket *socket, const uint16_t *streams, size_t count) {
    size_t size = sizeof(struct sctp_reset_streams) + count * sizeof(uint16_t);
    struct sctp_reset_streams *reset = calloc(1, size);
    if (reset == NULL) {
        return ENOMEM;
    }
    reset->srs_assoc_id = SCTP_ALL_ASSOC;
    reset->srs_flags = SCTP_STREAM_RESET_OUTGOING;
    reset->srs_number_streams = (uint16_t)count;
    memcpy(reset->srs_stream_list, streams, count * sizeof(uint16_t));
    int result = usrsctp_setsockopt((struct socket *)socket, IPPROTO_SCTP, SCTP_RESET_STREAMS, reset,
                                    (socklen_t)size) == 0
                     ? 0
                     : errno;
    free(reset);
    return result;
}

int cusrsctp_shutdown(cusrsctp_socket *socket) {
    return usrsctp_shutdown((struct socket *)socket, SHUT_WR) == 0 ? 0 : errno;
}

void cusrsctp_close(cusrsctp_socket *socket, int abort) {
    struct socket *so = (struct socket *)socket;
    if (!abort) {
        struct linger linger = {.l_onoff = 0, .l_linger = 0};
        usrsctp_setsockopt(so, SOL_SOCKET, SO_LINGER, &linger, (socklen_t)sizeof(linger));
    }
    usrsctp_close(so);
}

void cusrsctp_deregister(uintptr_t token) { usrsctp_deregister_address((void *)token); }

int cusrsctp_is_would_block(int error) { return error == EAGAIN || error == EWOULDBLOCK; }

int cusrsctp_is_message_size(int error) { return error == EMSGSIZE; }
