/// Errors from calls into an ``ICEAgent`` (never from network input, which is counted and dropped).
public enum ICEError: Error, Hashable, Sendable {
    /// `send` was called when no pair can carry data: the checks failed, or consent expired.
    case notConnected
    /// The agent was closed.
    case closed
    /// A remote candidate was refused (its reason).
    case candidateRejected(String)
}
