import DCEP

/// A channel's state inside a ``PeerConnectionCore``.
struct ChannelRecord {
    var info: DataChannelInfo
    var state: DataChannelState = .connecting
    /// RFC 8832 §6: until the DATA_CHANNEL_ACK arrives, "all messages MUST be sent ordered".
    var acknowledged: Bool
    /// Whether we opened it (and so sent, or will send, DATA_CHANNEL_OPEN).
    var locallyCreated: Bool
    /// Messages SCTP had no room for, oldest first, with their PPIDs.
    var queue: [(payload: [UInt8], ppid: UInt32, size: Int)] = []
    var queueHead = 0
    var queuedBytes = 0
    /// RFC 8831 §6.7: the channel is closed once both directions of its stream are reset.
    var outgoingResetRequested = false
    var outgoingReset = false
    var incomingReset = false
    var stats = DataChannelStats()

    var hasQueue: Bool { queueHead < queue.count }
}
