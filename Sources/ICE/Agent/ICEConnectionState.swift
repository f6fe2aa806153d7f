/// The agent's connectivity, named as `RTCIceConnectionState` in W3C WebRTC.
public enum ICEConnectionState: String, Hashable, Sendable {
    /// Waiting for remote credentials or candidates.
    case new
    /// Checks are running; nothing selected yet.
    case checking
    /// A pair is selected and consent is fresh; checks may continue.
    case connected
    /// A pair is selected and checking is over.
    case completed
    /// Consent responses have stopped for a while (RFC 7675); may come back.
    case disconnected
    /// No usable pair: every check failed, or consent expired.
    case failed
    /// ``ICEAgent/close(now:)`` was called.
    case closed
}
