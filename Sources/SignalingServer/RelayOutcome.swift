/// What became of a relay offered to the fast path (``RelaySeat``).
enum RelayOutcome: Sendable, Equatable {
    /// Queued for the target.
    case delivered
    /// The target's outbox was full: the hub must cut it off as too slow.
    case overflowed(ConnectionID)
    /// The target's connection is closing: the relay is dropped (and counted), not held against it.
    case discarded
    /// Queued for the instance the connection is proxied to (which counts it when it delivers).
    case forwarded
    /// Not the plain case: the hub decides.
    case declined
}
