public import Foundation

/// Counters of one peer link, per channel.
public struct PeerStatistics: Hashable, Sendable {
    /// The remote participant.
    public let participant: UUID
    /// Per-channel counters.
    public var channels: [EngineChannel: ChannelStatistics]
    /// Link restarts (new negotiations after a failure).
    public var restarts: Int

    /// Counters of `channel`.
    public subscript(channel: EngineChannel) -> ChannelStatistics { channels[channel] ?? ChannelStatistics() }
}
