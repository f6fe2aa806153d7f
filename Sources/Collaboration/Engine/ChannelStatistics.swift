/// Counters of one channel of one peer link.
public struct ChannelStatistics: Hashable, Sendable {
    /// Messages sent (handed to the transport).
    public var sent = 0
    /// Messages received and accepted.
    public var received = 0
    /// Messages received that failed to decode (or to open): counted and dropped.
    public var malformed = 0
    /// Messages received that the sender's role or mute state does not allow: dropped.
    public var refused = 0
    /// Messages not sent: the channel was not open, its queue was over the limit, or the outbox was full.
    public var dropped = 0

    /// All zero.
    public init() {}
}
