// A tiny shim over the system usrsctp (AF_CONN only). Swift never sees usrsctp's own headers:
// every association is named by an integer token, never by a pointer to a Swift object, so a
// callback that arrives after an association is gone finds nothing in the Swift registry.
#ifndef CUSRSCTP_H
#define CUSRSCTP_H

#include <stddef.h>
#include <stdint.h>

/// Called (on whichever thread is inside usrsctp) with one outgoing SCTP packet for `token`.
/// The buffer is only valid during the call: copy it. Never call back into usrsctp from here.
typedef void (*cusrsctp_output_fn)(uintptr_t token, const void *data, size_t length);

/// Called with (a piece of) one user message; `end_of_record` is 1 on its last piece.
/// `ppid` is in host byte order. The buffer is freed by the shim after the call returns.
typedef void (*cusrsctp_data_fn)(uintptr_t token, const void *data, size_t length, uint16_t stream,
                                  uint32_t ppid, int unordered, int end_of_record);

/// Notification kinds forwarded by the shim.
enum cusrsctp_notification_kind {
    CUSRSCTP_COMM_UP = 1,
    CUSRSCTP_COMM_LOST = 2,          // `flag` = 1 if the peer sent an ABORT chunk
    CUSRSCTP_SHUTDOWN_COMPLETE = 3,
    CUSRSCTP_CANT_START = 4,
    CUSRSCTP_RESTART = 5,
    CUSRSCTP_STREAM_RESET = 6,       // `flag` = strreset_flags, `streams`/`count` the list
    CUSRSCTP_SENDER_DRY = 7,
    CUSRSCTP_PARTIAL_DELIVERY_ABORTED = 8,
    CUSRSCTP_REMOTE_SHUTDOWN = 9,
};

/// Bits of `flag` for CUSRSCTP_STREAM_RESET (usrsctp's strreset_flags).
enum cusrsctp_stream_reset_flag {
    CUSRSCTP_RESET_INCOMING = 0x0001,  // the peer reset its outgoing (our incoming) streams
    CUSRSCTP_RESET_OUTGOING = 0x0002,  // our outgoing reset request was performed
    CUSRSCTP_RESET_DENIED = 0x0004,
    CUSRSCTP_RESET_FAILED = 0x0008,
};

/// Called with one notification. For COMM_UP `outbound`/`inbound` carry the negotiated stream counts.
typedef void (*cusrsctp_notification_fn)(uintptr_t token, int kind, uint32_t flag, uint16_t outbound,
                                          uint16_t inbound, const uint16_t *streams, size_t count);

/// Called after a SACK with the free space in the association's send buffer.
typedef void (*cusrsctp_send_space_fn)(uintptr_t token, uint32_t free_bytes);

/// Initialises the one usrsctp stack of this process (usrsctp_init_nothreads) once, thread-safely.
/// Later calls do nothing. Sets the process-wide sysctls (ECN off, cwnd, RTO, SACK delay, heartbeat).
void cusrsctp_initialize(cusrsctp_output_fn output, cusrsctp_data_fn data,
                         cusrsctp_notification_fn notification, cusrsctp_send_space_fn send_space);

/// Options applied to a new socket before connect.
typedef struct {
    uint16_t local_port;
    uint16_t streams;
    uint32_t send_buffer;
    uint32_t receive_buffer;
    uint32_t path_mtu;
    uint32_t heartbeat_ms;
    uint32_t rto_initial_ms;
    uint32_t rto_min_ms;
    uint32_t rto_max_ms;
    uint32_t sack_delay_ms;
    /// A SACK at the latest after this many packets with DATA (usrsctp's sack_freq), passed on as it
    /// is: SCTPConfiguration.usrsctpSACKFrequency owns the range (0 would leave usrsctp's default).
    uint32_t sack_frequency;
} cusrsctp_options;

/// An opaque usrsctp socket.
typedef struct cusrsctp_socket cusrsctp_socket;

/// Registers `token` as an AF_CONN address, creates a non-blocking one-to-one socket bound to it and
/// applies `options`. Returns NULL and sets *error (an errno) and *step (what failed) on failure.
cusrsctp_socket *cusrsctp_open(uintptr_t token, const cusrsctp_options *options, int *error,
                               const char **step);

/// Starts the association towards (token, remote_port). Returns 0 or an errno (EINPROGRESS is 0).
int cusrsctp_connect(cusrsctp_socket *socket, uintptr_t token, uint16_t remote_port);

/// Feeds one inbound SCTP packet addressed to `token`. Returns 0 when it was dropped for a wrong
/// checksum (checked here when the CPU computes CRC32c, otherwise by usrsctp), 1 otherwise.
int cusrsctp_conninput(uintptr_t token, const void *data, size_t length);

/// The CRC32c a packet's checksum field must hold (RFC 9260 §6.8), as a little-endian value, by
/// whichever implementation the stack uses; for tests.
uint32_t cusrsctp_packet_crc32c(const void *packet, size_t length);

/// 1 when checksums are computed by the CPU's CRC32c instruction in this shim (usrsctp's offload).
int cusrsctp_crc32c_offloaded(void);

/// Advances usrsctp's one global timer wheel.
void cusrsctp_handle_timers(uint32_t elapsed_ms);

/// Sends one whole message. `pr_policy` 0 none, 1 TTL, 2 RTX. Returns 0 or an errno.
int cusrsctp_send(cusrsctp_socket *socket, const void *data, size_t length, uint16_t stream,
                  uint32_t ppid, int unordered, int pr_policy, uint32_t pr_value);

/// Requests an RFC 6525 outgoing SSN reset of `streams`. Returns 0 or an errno.
int cusrsctp_reset_streams(cusrsctp_socket *socket, const uint16_t *streams, size_t count);

/// Starts a graceful SHUTDOWN after queued data. Returns 0 or an errno.
int cusrsctp_shutdown(cusrsctp_socket *socket);

/// Closes the socket; with `abort` non-zero, SO_LINGER 0 makes it an ABORT.
void cusrsctp_close(cusrsctp_socket *socket, int abort);

/// Whether an errno from cusrsctp_send means "send buffer full, try later" (EAGAIN/EWOULDBLOCK).
int cusrsctp_is_would_block(int error);

/// Whether an errno from cusrsctp_send means the message can never fit (EMSGSIZE).
int cusrsctp_is_message_size(int error);

/// Removes `token` from usrsctp's AF_CONN addresses.
void cusrsctp_deregister(uintptr_t token);

#endif
