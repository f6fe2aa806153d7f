import Foundation
import SignalingProtocol

/// Everything the engine core holds about one remote participant it has a peer for.
struct PeerRecord: Sendable {
    let id: UUID
    var name: String
    var role: ParticipantRole
    var muted = false
    /// What the peer last announced about recording.
    var recording = false
    var link: PeerLinkPhase
    /// The last generation handed out; every new link takes the next one.
    var generation: UInt64 = 0
    var clock: ClockSynchronizer
    var statistics: [EngineChannel: ChannelStatistics] = [:]
    /// Links made again after a failure or a stall.
    var restarts = 0
    /// Restarts since the link was last up: the backoff exponent.
    var restartAttempt = 0
    /// No restart before this instant (µs), the backoff.
    var nextRestartAt: Int64?
    /// We answer on this link, yet offered a new one after ours failed: once per time it was up,
    /// so the designated offerer's backoff stays the only repeating rule.
    var offeredInOfferersPlace = false
    /// Last instant the link was known up (µs), `nil` before the first time.
    var lastUpAt: Int64?
    /// Per reliable channel: our numbered messages until the peer acknowledges them.
    var outboxes: [EngineChannel: ReliableOutbox] = [:]
    /// Per reliable channel: the peer's numbering, to drop resent duplicates.
    var inbound: [EngineChannel: SequenceTracker] = [:]
    var capabilities: PeerCapabilities?
    /// A plain bio sample from this peer in a sealed room was logged (the rest are only counted).
    var plainBioLogged = false
    /// The loss of our audio the peer last reported, percent.
    var audioLossReported: UInt8 = 0
    /// The peer's audio frames since our last loss report to it.
    var audioMeter = AudioLossMeter()
    /// The peer's MIDI, held until its shared-clock time plus the playout delay.
    var midi = MIDIScheduler()
    /// The selected candidate pair of the current link, by type.
    var path: LinkPath?

    init(info: ParticipantInfo, now: Int64, pingInterval: Int64, outboxCapacity: Int, playoutDelay: Int64 = 20_000,
         random: inout some RandomNumberGenerator) {
        self.id = info.id
        self.name = info.name
        self.role = info.role
        for channel in EngineChannel.allCases where channel.isReliable {
            outboxes[channel] = ReliableOutbox(stream: UInt32.random(in: 0...UInt32.max, using: &random), capacity: outboxCapacity)
        }
        self.link = .idle(since: now)
        self.midi = MIDIScheduler(playoutDelay: playoutDelay)
        self.clock = ClockSynchronizer(interval: pingInterval, firstID: UInt32.random(in: 0...UInt32.max, using: &random))
    }

    var isUp: Bool { link.isUp }

    var isRefused: Bool {
        if case .refused = link { true } else { false }
    }

    var participantState: ParticipantState {
        if isRefused { return .refused }
        if isUp { return .connected }
        return lastUpAt == nil && restarts == 0 ? .connecting : .reconnecting
    }

    func participant() -> Participant {
        Participant(
            id: id, name: name, role: role, isLocal: false, isMuted: muted, state: participantState,
            rtt: clock.rtt.map { .microseconds($0) },
            clockOffset: clock.offset.map { .microseconds($0) },
            quality: clock.quality, path: path, isRecording: recording
        )
    }

    mutating func count(_ channel: EngineChannel, _ update: (inout ChannelStatistics) -> Void) {
        var counters = statistics[channel] ?? ChannelStatistics()
        update(&counters)
        statistics[channel] = counters
    }

    /// A fresh generation for the next link.
    mutating func nextGeneration() -> UInt64 {
        generation += 1
        return generation
    }

    /// Whether its MIDI and audio count: not a spectator, not muted by the host.
    var acceptsMedia: Bool { role != .spectator && !muted }

    /// Runs `body` on this record in place (through optional chaining on a dictionary entry).
    /// Also the way to read a few fields on a path taken per message: `room?.peers[id]` as a value
    /// copies the whole record (a retain and release of each of its many fields).
    mutating func update<R>(_ body: (inout PeerRecord) -> R) -> R {
        body(&self)
    }
}
