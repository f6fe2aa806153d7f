import Foundation
import Logging
import SignalingClient
import SignalingProtocol

/// The engine's decisions as a sans-IO state machine, in the shape of the server's `SignalingState`.
///
/// The driver (``CollaborationEngine``) feeds it every input in one order, with the current
/// instant in µs: signaling events, link events and the outcomes of link actions, timer ticks,
/// and the application's sends. It returns ``EngineAction``s to perform in order. It never awaits,
/// never reads a clock and never touches a socket; its one synchronous output besides actions is
/// handing a message to a link's send queue (``PeerLink/send(_:on:)``), because whether the queue
/// took it decides what a reliable outbox still holds.
///
/// Rules (docs/PROTOCOL.md, "Peer links"): the smaller participant ID offers; an offerer that
/// receives an offer while its own is unanswered ignores it (glare); a link is restarted by its
/// offerer only after the transport reported `failed` or `closed`, or after it stayed not up for
/// `EngineTiming.linkStallTimeout`, or after its offer stayed unanswered for
/// `EngineTiming.answerTimeout`, with exponential backoff between attempts.
struct EngineCore: Sendable {
    let displayName: String
    let timing: EngineTiming
    let limits: EngineLimits
    /// STUN/TURN servers from the configuration; `nil` uses those the server hands out.
    let iceServersOverride: [ICEServer]?
    var connection: EngineConnectionState = .disconnected
    var room: RoomState?
    /// Signaling messages that arrived while entering, before the room was set up.
    var early: [ServerMessage] = []
    /// When the signaling socket went (or was sent) away; offers made since then wait in the
    /// client's queue and go out on resume, so a resume need not make them again.
    var signalingDownSince: Int64?
    var batcher: MIDIBatcher
    var midiFlushArmed = false
    /// When the MIDI playout timer fires next, if armed.
    var midiPlayoutAt: Int64?
    var notes = NoteTracker()
    var group = GroupBioSync()
    /// How the room sends audio: ours when hosting, else the host's last `audio-settings`.
    var audioSettings: AudioSettings
    var random = SystemRandomNumberGenerator()
    /// Links made so far, to every peer: numbers each new link's mid (`nextMid()`).
    var linksMade: UInt64 = 0
    private(set) var closed = false

    init(displayName: String, timing: EngineTiming, limits: EngineLimits, iceServers: [ICEServer]?,
         audio: AudioSettings = AudioSettings()) {
        self.displayName = displayName
        audioSettings = audio
        self.timing = timing
        self.limits = limits
        self.iceServersOverride = iceServers
        batcher = MIDIBatcher(interval: timing.midiBatchInterval.engineMicroseconds)
    }

    /// The deterministic offerer rule: the smaller participant ID (as `uuidString`) offers.
    static func isOfferer(_ local: UUID, toward remote: UUID) -> Bool {
        local.uuidString < remote.uuidString
    }

    /// Applies one input at `now` (µs) and returns what to do, in order.
    mutating func handle(_ input: EngineInput, now: Int64) -> [EngineAction] {
        var actions: [EngineAction] = []
        // Defensive: a one-shot MIDI timer firing after `close()` usually finds no room (close
        // leaves first), but a close racing an `.entered` leaves one set, and must still do nothing.
        if closed, input.isTimer { return actions }
        switch input {
        case .entered(let membership, let keys):
            enter(membership, keys: keys, now: now, into: &actions)
        case .enterFailed:
            guard room == nil, connection == .connecting else { break }
            connection = .disconnected
            early = []
            actions.append(.emit(.connectionState(.disconnected)))
        case .leave:
            endSession(leaving: true, final: .disconnected, now: now, into: &actions)
        case .signalingUp(let up):
            if !up, signalingDownSince == nil { signalingDownSince = now }
            let mapped: EngineConnectionState = up ? .connected : .reconnecting
            guard room != nil, connection != mapped, connection != .failed else { break }
            connection = mapped
            actions.append(.emit(.connectionState(mapped)))
        case .resumed(let snapshot):
            resumed(snapshot, now: now, into: &actions)
        case .resumeFailed(let error):
            actions.append(.log(.warning, "session lost: the server no longer knows us (\(error))", peer: nil))
            actions.append(.emit(.error(.signaling(.server(error)))))
            endSession(leaving: false, final: .failed, now: now, into: &actions)
        case .server(let message):
            guard room != nil else {
                if connection == .connecting, early.count < 256 { early.append(message) }
                break
            }
            server(message, now: now, into: &actions)
        case .link(let peer, let generation, let input):
            link(input, peer: peer, generation: generation, now: now, into: &actions)
        case .tick:
            tick(now: now, into: &actions)
        case .midiFlush:
            flushMIDI(now: now, into: &actions)
        case .midiPlayout:
            midiPlayoutAt = nil
            playMIDI(now: now, into: &actions)
        case .iceServers(let servers):
            room?.iceServers = servers
        case .networkChanged(let change):
            networkChanged(change, now: now, into: &actions)
        }
        return actions
    }

    /// `createSession`/`join` starts: refused while closed or already in (or entering) a session.
    mutating func beginEntering() throws(EngineError) -> [EngineAction] {
        if closed { throw .closed }
        if room != nil || connection == .connecting { throw .alreadyInSession }
        connection = .connecting
        return [.emit(.connectionState(.connecting))]
    }

    /// The engine shuts down: nothing is entered again. Returns the links still open, to close.
    mutating func close() -> [any PeerLink] {
        closed = true
        var links: [any PeerLink] = []
        for id in room?.order ?? [] {
            if let link = room?.peers[id]?.link.link { links.append(link) }
            room?.peers[id]?.link = .idle(since: 0)
        }
        return links
    }

    // MARK: session

    private mutating func enter(_ membership: RoomSnapshot, keys: RoomKeys?, now: Int64, into actions: inout [EngineAction]) {
        guard room == nil, !closed else { return }
        let me = membership.participantID
        let role: ParticipantRole = membership.hostID == me ? .host : (membership.participants.first { $0.id == me }?.role ?? .participant)
        room = RoomState(
            session: CollaborationSession(roomID: membership.roomID, roomCode: membership.roomCode,
                                          localParticipantID: me, hostID: membership.hostID),
            localID: me, hostID: membership.hostID, localRole: role, keys: keys,
            iceServers: iceServersOverride ?? membership.iceServers)
        connection = .connected
        actions.append(.emit(.connectionState(.connected)))
        for info in membership.participants where info.id != me { meet(info, now: now, into: &actions) }
        let buffered = early
        early = []
        for message in buffered { server(message, now: now, into: &actions) }
    }

    /// Ends the session: every link closes, every sounding note is released.
    mutating func endSession(leaving: Bool, final: EngineConnectionState, now: Int64, into actions: inout [EngineAction]) {
        early = []
        guard let ending = room else {
            if connection != final, connection != .disconnected {
                connection = final
                actions.append(.emit(.connectionState(final)))
            }
            return
        }
        room = nil
        for id in ending.order {
            let released = notes.release(peer: id, at: now)
            if !released.isEmpty { actions.append(.emit(.midi(from: id, events: released))) }
        }
        group = GroupBioSync()
        batcher = MIDIBatcher(interval: timing.midiBatchInterval.engineMicroseconds)
        if leaving { actions.append(.leaveRoom) }
        for id in ending.order {
            if let link = ending.peers[id]?.link.link { actions.append(.closeLink(link)) }
        }
        connection = final
        actions.append(.emit(.connectionState(final)))
    }

    // MARK: membership

    /// A participant the server lists and we hold no peer for: a peer record, `participantJoined`,
    /// and an offer if we are its offerer (unless `offering` is false: its offer is at hand).
    mutating func meet(_ info: ParticipantInfo, offering: Bool = true, now: Int64, into actions: inout [EngineAction]) {
        guard let me = room?.localID, info.id != me, room?.peers[info.id] == nil else { return }
        let record = PeerRecord(info: info, now: now, pingInterval: timing.pingInterval.engineMicroseconds,
                                outboxCapacity: limits.outboxMessages,
                                playoutDelay: timing.midiPlayoutDelay.engineMicroseconds, random: &random)
        room?.lost[info.id] = nil
        room?.peers[info.id] = record
        if room?.order.contains(info.id) == false { room?.order.append(info.id) }
        actions.append(.emit(.participantJoined(record.participant())))
        if offering, Self.isOfferer(me, toward: info.id) {
            startLink(to: info.id, answering: nil, restart: false, now: now, into: &actions)
        }
    }

    /// Forgets `id`: its link closes and its notes are released. `lost` keeps it listed (the
    /// server still has it) so that it can be met again.
    mutating func remove(_ id: UUID, reason: ParticipantLeaveReason, now: Int64, into actions: inout [EngineAction]) {
        guard let record = room?.peers.removeValue(forKey: id) else {
            if reason == .left, room?.lost.removeValue(forKey: id) != nil { room?.order.removeAll { $0 == id } }
            return
        }
        if reason == .lost {
            room?.lost[id] = (ParticipantInfo(id: id, name: record.name, role: record.role), now)
        } else {
            room?.order.removeAll { $0 == id }
        }
        group.remove(id)
        let released = notes.release(peer: id, at: now)
        if !released.isEmpty { actions.append(.emit(.midi(from: id, events: released))) }
        if let link = record.link.link { actions.append(.closeLink(link)) }
        actions.append(.emit(.participantLeft(id, reason: reason)))
    }

    // MARK: observable state

    /// Everyone in the session: ourselves first, then the others in order of arrival.
    var participants: [Participant] {
        guard let room else { return [] }
        let local = Participant(id: room.localID, name: displayName, role: room.localRole, isLocal: true,
                                isMuted: room.localMuted, state: .local, rtt: nil, clockOffset: nil, quality: nil,
                                isRecording: room.localRecording)
        return [local] + room.order.compactMap { room.peers[$0]?.participant() }
    }

    /// Per-peer counters, in order of arrival.
    var statistics: [PeerStatistics] {
        guard let room else { return [] }
        return room.order.compactMap { id in
            room.peers[id].map {
                PeerStatistics(participant: id, channels: $0.statistics, restarts: $0.restarts, lateMIDIEvents: $0.midi.lateEvents,
                               midiPlayoutDelay: .microseconds($0.midi.playoutDelay))
            }
        }
    }

    /// `participantUpdated` for `id` (ourselves included), if it is in the session.
    func published(_ id: UUID) -> EngineAction? {
        participants.first { $0.id == id }.map { .emit(.participantUpdated($0)) }
    }
}
