/// Check state of a candidate pair (RFC 8445 §6.1.2.6).
public enum CandidatePairState: String, Hashable, Sendable {
    /// Waiting for a pair with the same foundation to succeed.
    case frozen
    /// Ready to be checked when Ta allows.
    case waiting
    /// A check transaction is outstanding.
    case inProgress = "in-progress"
    /// A check produced a valid pair.
    case succeeded
    /// The check failed or timed out.
    case failed
}
