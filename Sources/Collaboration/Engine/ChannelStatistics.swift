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
    /// Messages not sent: the channel was not open or its queue was over the limit (bio, audio),
    /// or, on a reliable channel, dropped unacknowledged from a full outbox.
    public var dropped = 0
    /// Reliable messages sent again on a new link because the peer had not acknowledged them.
    public var resent = 0
    /// Reliable messages received twice (resent after a restart) and dropped.
    public var duplicates = 0
    /// Reliable messages the peer's numbering skipped: dropped from its full outbox, never coming.
    public var lost = 0

    /// All zero.
    public init() {}
}
