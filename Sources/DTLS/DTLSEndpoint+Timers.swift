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
// BoringSSL keeps its timer on the time its SSL_CTX's current-time callback reports
// (ssl/d1_lib.c: DTLSTimer, DTLSv1_get_timeout, DTLSv1_handle_timeout) and checks it only when
// DTLSv1_handle_timeout is called; each expiry counts towards DTLS1_MAX_TIMEOUTS (12), after which
// it fails the handshake.
//
// Design: the shim gives each connection a clock of its own that stands still, so BoringSSL's
// timer never expires by itself; whether it is armed is DTLSv1_get_timeout on that clock. A call
// that sent datagrams and left the timer armed sent a new flight: our timer restarts at
// `initialTimeout`. Our deadline lives here, on the caller's clock. When it passes, the shim moves
// the connection's clock to BoringSSL's deadline and calls DTLSv1_handle_timeout, which
// retransmits the flight with fresh record sequence numbers and restarts its own timer; we double
// our timeout up to `maximumTimeout`. The whole handshake gives up after `handshakeTimeout` from
// `start` (.handshakeTimeout). (The real-clock branch below served OpenSSL >= 3.2, whose deadline
// could not be steered; the shim over BoringSSL always reports the virtual timer.)
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
            // BoringSSL had nothing to retransmit; check again after another interval.
            retransmitDeadline = now + currentTimeout
        }
        afterCall(now: now)
    }

    /// Follows BoringSSL's timer: armed or stopped, and restarted for a new flight.
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
    /// Whether BoringSSL's own retransmission timer is armed, for tests: once connected it must be
    /// stopped (DTLS 1.2's last flight is never acknowledged), or `pollTimeout` would hide it.
    package var tlsTimerArmed: Bool { cdtls_conn_timer_armed(connection) == 1 }
}
