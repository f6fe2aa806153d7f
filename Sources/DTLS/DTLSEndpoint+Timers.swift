public import RTCBase
import CDTLS

// Handshake retransmission, driven by the caller's clock (RFC 6347 §4.2.4).
//
// RFC 6347 §4.2.4: "DTLS messages are grouped into a series of message flights ... Each flight
// begins with the sender in the PREPARING state ... [then] enters the WAITING state ... When in
// the WAITING state: if the retransmit timer expires, the implementation transitions to the
// SENDING state, where it retransmits the flight, resets the retransmit timer, and returns to the
// WAITING state."
// RFC 6347 §4.2.4.1: "Implementations SHOULD use an initial timer value of 1 second (the minimum
// defined in RFC 6298) and double the value at each retransmission, up to no less than the RFC
// 6298 maximum of 60 seconds."
//
// OpenSSL 3.0 keeps its timer on gettimeofday() (ssl/d1_lib.c: dtls1_start_timer,
// dtls1_get_timeout) and DTLSv1_handle_timeout does nothing until that real-clock deadline has
// passed. It also runs the same check implicitly: at the top of dtls1_read_bytes
// (ssl/record/rec_layer_d1.c, "Check for timeout") and through dtls1_read_failed
// (ssl/statem/statem_dtls.c) whenever the read BIO has no data, i.e. inside every SSL_read and
// SSL_do_handshake. Each expiry also counts towards DTLS1_TMO_ALERT_COUNT (12), after which
// OpenSSL fails the handshake. So the timer cannot simply be set to "always expired".
//
// Design (virtual-timer mode, OpenSSL 1.1.1 to 3.1):
// - DTLS_set_timer_cb makes OpenSSL's real-clock timer an hour long, so neither the implicit
//   checks nor DTLSv1_handle_timeout ever fire on their own.
// - OpenSSL reports every start/stop of its timer to the read BIO through
//   BIO_CTRL_DGRAM_SET_NEXT_TIMEOUT with the address of its deadline; the shim's read BIO keeps
//   whether the timer is armed. A start from the stopped state (the timer callback is called with
//   0) is a new flight: our timer restarts at `initialTimeout`.
// - Our deadline lives here, on the caller's clock. When it passes, the shim marks OpenSSL's
//   deadline as past and calls DTLSv1_handle_timeout, which retransmits the flight with fresh
//   record sequence numbers and re-parks its own timer; we double our timeout up to
//   `maximumTimeout`.
// - The whole handshake gives up after `handshakeTimeout` from `start` (.handshakeTimeout).
// On OpenSSL >= 3.2 the deadline's address is no longer handed to the BIO, so the shim falls back
// to real-clock mode: OpenSSL's own timer with our initial value and doubling, observed through
// DTLSv1_get_timeout. That is correct in production but not deterministic under a virtual clock.
extension DTLSEndpoint {
    /// When `handleTimeout(now:)` should be called next: the retransmission deadline or the
    /// handshake deadline, whichever is sooner; `nil` once the handshake is over (DTLS has no
    /// timers after it).
    public func pollTimeout() -> RTCInstant? {
        guard state == .connecting, let handshakeStart else { return nil }
        let giveUp = handshakeStart + timing.handshakeTimeout
        guard let retransmitDeadline else { return giveUp }
        return min(retransmitDeadline, giveUp)
    }

    /// Retransmits the current flight if its timer expired, or fails the handshake with
    /// `.handshakeTimeout` once `timing.handshakeTimeout` has passed since `start`.
    public func handleTimeout(now: RTCInstant) {
        guard state == .connecting, let handshakeStart else { return }
        if now >= handshakeStart + timing.handshakeTimeout {
            fail(.handshakeTimeout)
            afterCall(now: now)
            return
        }
        guard let deadline = retransmitDeadline, now >= deadline else { return }
        let result = virtualTimer ? cdtls_conn_force_timeout(connection)
                                  : cdtls_conn_handle_real_timeout(connection)
        switch result {
        case 1:
            retransmissionCount += 1
            // RFC 6347 §4.2.4.1: double the value at each retransmission, up to 60 seconds.
            currentTimeout = min(currentTimeout * 2, timing.maximumTimeout)
            retransmitDeadline = now + currentTimeout
        case Int32(CDTLS_FATAL):
            fail(.handshakeFailed(String(shimString: cdtls_conn_error(connection))))
        default:
            // OpenSSL had nothing to retransmit; check again after another interval.
            retransmitDeadline = now + currentTimeout
        }
        afterCall(now: now)
    }

    /// Follows OpenSSL's timer: armed or stopped, and restarted for a new flight.
    func updateRetransmitDeadline(now: RTCInstant) {
        guard state == .connecting else {
            retransmitDeadline = nil
            return
        }
        guard virtualTimer else {
            let left = cdtls_conn_real_timeout_left_us(connection)
            retransmitDeadline = left >= 0 ? now + .microseconds(left) : nil
            return
        }
        guard cdtls_conn_timer_armed(connection) == 1 else {
            retransmitDeadline = nil
            return
        }
        let freshStarts = cdtls_conn_timer_fresh_starts(connection)
        if freshStarts != seenFreshTimerStarts {
            // A new flight went out from the stopped state: RFC 6347 §4.2.4.1's initial value.
            seenFreshTimerStarts = freshStarts
            currentTimeout = timing.initialTimeout
            retransmitDeadline = now + currentTimeout
        } else if retransmitDeadline == nil {
            retransmitDeadline = now + currentTimeout
        }
    }
}

extension DTLSEndpoint {
    /// Whether OpenSSL's own retransmission timer is armed (virtual-timer mode; always false in
    /// real-clock mode), for tests: once connected it must be stopped, since no SSL_read is made
    /// only to let OpenSSL check it.
    package var openSSLTimerArmed: Bool { cdtls_conn_timer_armed(connection) == 1 }
}
