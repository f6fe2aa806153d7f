public import Foundation

/// Counters of one peer link, per channel.
public struct PeerStatistics: Hashable, Sendable {
    /// The remote participant.
    public let participant: UUID
    /// Per-channel counters.
    public var channels: [EngineChannel: ChannelStatistics]
    /// Link restarts (new negotiations after a failure).
    public var restarts: Int
    /// MIDI events that arrived after their playout time (played at once).
    public var lateMIDIEvents = 0
    /// How long after its sender's timestamp received MIDI plays.
    public var midiPlayoutDelay = Duration.zero

    /// Counters of `channel`.
    public subscript(channel: EngineChannel) -> ChannelStatistics { channels[channel] ?? ChannelStatistics() }
}
