import Foundation
import SignalingProtocol

/// Everything the engine holds about one remote participant (guarded by the engine's lock).
struct PeerRecord {
    let id: UUID
    var name: String
    var role: ParticipantRole
    var muted = false
    /// The current link and its generation; events from older generations are ignored.
    var link: (any PeerLink)?
    var generation: UInt64 = 0
    var linkState: PeerLinkState = .new
    /// When `linkState` last changed, or the link was made (µs, local clock).
    var linkStateSince: Int64
    var openChannels: Set<EngineChannel> = []
    var remoteDescriptionSet = false
    var pendingCandidates: [String?] = []
    var clock: ClockSynchronizer
    var statistics: [EngineChannel: ChannelStatistics] = [:]
    var restarts = 0
    var restartAttempt = 0
    var nextRestartAt: Int64?
    /// Last instant the link was known up (µs), `nil` before the first time.
    var lastUpAt: Int64?
    var refused = false
    /// Per reliable channel: our numbered messages until the peer acknowledges them.
    var outboxes: [EngineChannel: ReliableOutbox] = [:]
    /// Per reliable channel: the peer's numbering, to drop resent duplicates.
    var inbound: [EngineChannel: SequenceTracker] = [:]
    var capabilities: PeerCapabilities?
    /// The selected candidate pair of the current link, by type.
    var path: LinkPath?

    init(id: UUID, name: String, role: ParticipantRole, now: Int64, pingInterval: Int64, outboxCapacity: Int) {
        self.id = id
        for channel in EngineChannel.allCases where channel.isReliable {
            outboxes[channel] = ReliableOutbox(stream: UInt32.random(in: 0...UInt32.max), capacity: outboxCapacity)
        }
        self.name = name
        self.role = role
        self.linkStateSince = now
        self.clock = ClockSynchronizer(interval: pingInterval, firstID: UInt32.random(in: 0...UInt32.max))
    }

    /// Whether data can flow: the transport is connected and all five channels are open.
    var isUp: Bool { linkState == .connected && openChannels.count == EngineChannel.allCases.count }

    var participantState: ParticipantState {
        if refused { return .refused }
        if isUp { return .connected }
        return lastUpAt == nil && restarts == 0 ? .connecting : .reconnecting
    }

    func participant() -> Participant {
        Participant(
            id: id, name: name, role: role, isLocal: false, isMuted: muted, state: participantState,
            rtt: clock.rtt.map { .microseconds($0) },
            clockOffset: clock.offset.map { .microseconds($0) },
            quality: clock.quality, path: path
        )
    }

    mutating func count(_ channel: EngineChannel, _ update: (inout ChannelStatistics) -> Void) {
        var counters = statistics[channel] ?? ChannelStatistics()
        update(&counters)
        statistics[channel] = counters
    }
}
