/// The client's link to the signaling server.
public enum SignalingConnectionState: String, Sendable, Equatable {
    /// Not connected and not trying.
    case disconnected
    /// First connection attempt.
    case connecting
    /// Connected (and, if we were in a room, resumed).
    case connected
    /// The connection dropped; retrying with backoff.
    case reconnecting
    /// `close()` was called.
    case closed
}
