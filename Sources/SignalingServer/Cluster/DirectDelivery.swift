/// What became of an envelope the LISTEN task handed on itself, without the hub.
enum DirectDelivery: Equatable {
    /// Queued, or not, as the hub would have (and counted the same way).
    case handled
    /// The target's outbox is full: the hub must cut it off as too slow.
    case overflowed(ConnectionID)
}
