/// Errors from calls into an ``ICEAgent`` (never from network input, which is counted and dropped).
public enum ICEError: Error, Hashable, Sendable {
    /// `send` was called with no selected pair, or after consent expired.
    case notConnected
    /// The agent was closed.
    case closed
    /// A remote candidate was refused (its reason).
    case candidateRejected(String)
}
