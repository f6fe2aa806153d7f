import Foundation
import SignalingProtocol

@testable import Collaboration

/// Several `EngineCore`s in one room on a virtual clock, without tasks or sockets: a fake
/// signaling server relays their signals, ``FakePeerLink``s carry their channel messages, and
/// ``run()`` performs actions until nothing is left.
final class CoreMesh {
    struct Member {
        let id: UUID
        var core: EngineCore
        var events: [EngineEvent] = []
        var logs: [String] = []
        var signalingUp = true
    }

    /// One end of a fake link.
    struct LinkEnd {
        let owner: UUID
        let peer: UUID
        let generation: UInt64
        let link: FakePeerLink
        var remote: Int?
        var connected = false
        /// The mid its offers carry, when the mesh writes mids.
        var mid: String?
        /// Sent while the path was cut: delivered when an ICE restart finds a new one (as SCTP
        /// retransmits them), dropped if the link closes first.
        var held: [(EngineChannel, [UInt8])] = []
    }

    private(set) var now: Int64 = 1_000_000
    private(set) var members: [UUID: Member] = [:]
    /// The server's list, in order of arrival; the first is host.
    private(set) var order: [UUID] = []
    private(set) var hostID: UUID?
    let roomID = UUID()
    let timing: EngineTiming
    private var queue: [(UUID, EngineInput)] = []
    private var head = 0
    private var timers: [(at: Int64, who: UUID, input: EngineInput)] = []
    private(set) var links: [Int: LinkEnd] = [:]
    /// Every restart, as (who, peer, instant).
    private(set) var restarts: [(who: UUID, peer: UUID, at: Int64)] = []
    /// Every ICE restart on a running link, as (who, peer).
    private(set) var iceRestarts: [(who: UUID, peer: UUID)] = []
    /// Every offer signaled, as (from, to).
    private(set) var offers: [(from: UUID, to: UUID)] = []
    /// Every message carried between linked cores, in order (what went on the wire).
    private(set) var carried: [(channel: EngineChannel, bytes: [UInt8])] = []
    /// Links whose path is cut: nothing they send arrives.
    var blackholed: Set<Int> = []
    /// Whether a pair of links with both descriptions applied comes up (false: ICE never succeeds).
    var linksConnect = true
    /// Whether such a pair instead reports `failed` at once.
    var linksFail = false
    /// The room's keys, handed to each member that joins from now on (`nil`: no secret).
    var keys: RoomKeys?
    /// Decides whether a signal reaches the server (false drops it); may change the mesh.
    var signalFilter: ((UUID, SignalMessage) -> Bool)?
    /// Decides whether a signal is held back (true) until ``releaseHeldSignals()``: a slow peer.
    var holdSignal: ((UUID, SignalMessage) -> Bool)?
    private var heldSignals: [(from: UUID, message: SignalMessage)] = []
    /// Whether descriptions carry `a=mid` as WebRTCTransport's do: offers the mid the core asked
    /// for, answers the offer's. Off: no mid at all, as a transport that cannot choose one.
    var writesMids = false

    init(timing: EngineTiming = EngineTiming()) {
        self.timing = timing
    }

    /// A mesh in which `members` join in this order (the first hosts).
    static func room(_ members: [(UUID, String)], timing: EngineTiming = EngineTiming()) -> CoreMesh {
        let mesh = CoreMesh(timing: timing)
        for (id, name) in members { mesh.join(id, name: name) }
        return mesh
    }

    /// An ID whose order among others is `rank` (the smaller offers).
    static func id(_ rank: Int) -> UUID {
        let digits = String(rank)
        return UUID(uuidString: "00000000-0000-0000-0000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits) ?? UUID()
    }

    // MARK: room

    /// `id` joins (the first one creates the room and hosts); the others hear of it.
    func join(_ id: UUID, name: String) {
        order.append(id)
        if hostID == nil { hostID = id }
        var core = EngineCore(displayName: name, timing: timing, limits: EngineLimits(), iceServers: nil)
        _ = try? core.beginEntering()
        members[id] = Member(id: id, core: core)
        names[id] = name
        enqueue(id, .entered(snapshot(for: id), keys: keys))
        for other in order where other != id {
            enqueue(other, .server(.participantJoined(ParticipantInfo(id: id, name: name, role: .participant))))
        }
        run()
    }

    private var names: [UUID: String] = [:]

    func snapshot(for id: UUID) -> RoomSnapshot {
        RoomSnapshot(roomID: roomID, roomCode: "K7QX2M", participantID: id, hostID: hostID ?? id,
                     participants: order.map { ParticipantInfo(id: $0, name: names[$0] ?? "?", role: $0 == hostID ? .host : .participant) })
    }

    /// The server drops `id` from the room: the others get `participant-left` (and a new host).
    private func serverRemove(_ id: UUID) {
        order.removeAll { $0 == id }
        for other in order { enqueue(other, .server(.participantLeft(id))) }
        if hostID == id, let next = order.first {
            hostID = next
            for other in order { enqueue(other, .server(.hostChanged(next))) }
        }
    }

    /// `id`'s signaling socket drops: what the server writes to it meanwhile is lost.
    func dropSignaling(_ id: UUID) {
        members[id]?.signalingUp = false
        enqueue(id, .signalingUp(false))
    }

    /// `id` resumes its place.
    func resumeSignaling(_ id: UUID) {
        members[id]?.signalingUp = true
        enqueue(id, .signalingUp(true))
        enqueue(id, .resumed(snapshot(for: id)))
        run()
    }

    // MARK: driving

    func enqueue(_ who: UUID, _ input: EngineInput) {
        queue.append((who, input))
    }

    /// Runs `body` on `id`'s core, performs the actions it returns and runs what follows.
    @discardableResult
    func with<R>(_ id: UUID, _ body: (inout EngineCore) throws(EngineError) -> (R, [EngineAction])) throws(EngineError) -> R {
        guard var member = members[id] else { throw .notInSession }
        let outcome: (R, [EngineAction])
        do throws(EngineError) {
            outcome = try body(&member.core)
        } catch {
            members[id] = member
            throw error
        }
        members[id] = member
        perform(outcome.1, by: id)
        carryMessages()
        run()
        return outcome.0
    }

    /// Handles queued inputs (and what they cause) until none is left; bounded.
    func run() {
        var steps = 0
        while head < queue.count, steps < 100_000 {
            let (who, input) = queue[head]
            head += 1
            steps += 1
            guard var member = members[who] else { continue }
            let actions = member.core.handle(input, now: now)
            members[who] = member
            perform(actions, by: who)
            carryMessages()
        }
        queue.removeFirst(head)
        head = 0
    }

    /// Moves the clock by `duration` in tick steps, firing ticks and timers.
    func advance(_ duration: Duration) {
        let end = now + duration.engineMicroseconds
        let step = timing.tick.engineMicroseconds
        while now < end {
            now = min(end, now + step)
            let due = timers.filter { $0.at <= now }
            timers.removeAll { $0.at <= now }
            for timer in due { enqueue(timer.who, timer.input) }
            for id in order { enqueue(id, .tick) }
            run()
        }
    }

    private func perform(_ actions: [EngineAction], by who: UUID) {
        for action in actions {
            switch action {
            case .emit(let event):
                members[who]?.events.append(event)
            case .log(_, let message, _):
                members[who]?.logs.append(message)
            case .signal(let message):
                relay(message, from: who)
            case .makeLink(let peer, let generation, _, let mid):
                makeLink(owner: who, peer: peer, generation: generation, mid: mid)
            case .restartLink(let peer, let generation, _, let mid, let old):
                restarts.append((who, peer, now))
                if let old { close(old) }
                makeLink(owner: who, peer: peer, generation: generation, mid: mid)
            case .restartIce(let peer, let generation, let link, _):
                iceRestarts.append((who, peer))
                enqueue(who, .link(peer: peer, generation: generation, .offerCreated(offer(of: link))))
            case .createOffer(let peer, let generation, let link):
                enqueue(who, .link(peer: peer, generation: generation, .offerCreated(offer(of: link))))
            case .acceptOffer(let peer, let generation, let link, let sdp):
                let mine = serial(of: link)
                links[mine]?.remote = Self.serial(in: sdp)
                if writesMids { links[mine]?.mid = LinkSession.mid(of: sdp) }
                enqueue(who, .link(peer: peer, generation: generation,
                                   .answerCreated(Self.description("fake-answer", serial: mine, mid: links[mine]?.mid))))
                connectIfPaired(mine)
            case .acceptAnswer(let peer, let generation, let link, let sdp):
                let mine = serial(of: link)
                links[mine]?.remote = Self.serial(in: sdp)
                enqueue(who, .link(peer: peer, generation: generation, .answerApplied))
                connectIfPaired(mine)
            case .addCandidates:
                break
            case .closeLink(let link):
                close(link)
            case .leaveRoom:
                serverRemove(who)
            case .armMIDIFlush(let delay):
                timers.append((now + delay.engineMicroseconds, who, .midiFlush))
            case .armMIDIPlayout(let delay):
                timers.append((now + delay.engineMicroseconds, who, .midiPlayout))
            }
        }
    }

    /// Delivers the signals held back so far, in the order they were sent.
    func releaseHeldSignals() {
        let held = heldSignals
        heldSignals = []
        for (from, message) in held { deliver(message, from: from) }
        run()
    }

    private func relay(_ message: SignalMessage, from: UUID) {
        guard signalFilter?(from, message) ?? true, members[from]?.signalingUp == true else { return }
        if holdSignal?(from, message) == true {
            heldSignals.append((from, message))
            return
        }
        deliver(message, from: from)
    }

    private func deliver(_ message: SignalMessage, from: UUID) {
        let (to, server): (UUID, ServerMessage) = switch message {
        case .offer(let to, let sdp): (to, .offer(from: from, sdp: sdp))
        case .answer(let to, let sdp): (to, .answer(from: from, sdp: sdp))
        case .candidate(let to, let candidate, let mid): (to, .candidate(from: from, candidate: ICECandidateInit(candidate: candidate, sdpMid: mid)))
        }
        if case .offer = message { offers.append((from, to)) }
        // Written to a dead socket: lost.
        guard order.contains(to), members[to]?.signalingUp == true else { return }
        enqueue(to, .server(server))
    }

    private func makeLink(owner: UUID, peer: UUID, generation: UInt64, mid: String) {
        let link = FakePeerLink(serial: links.count + 1)
        links[link.serial] = LinkEnd(owner: owner, peer: peer, generation: generation, link: link, mid: writesMids ? mid : nil)
        enqueue(owner, .link(peer: peer, generation: generation, .made(link)))
    }

    private func serial(of link: any PeerLink) -> Int { (link as? FakePeerLink)?.serial ?? 0 }

    private func offer(of link: any PeerLink) -> String {
        let serial = serial(of: link)
        return Self.description("fake-offer", serial: serial, mid: links[serial]?.mid)
    }

    /// ``FakePeerLink/description(_:serial:)`` with an `a=mid` line when `mid` is given.
    private static func description(_ kind: String, serial: Int, mid: String?) -> String {
        let plain = FakePeerLink.description(kind, serial: serial)
        guard let mid else { return plain }
        return plain.replacingOccurrences(of: "\r\n", with: "\r\na=mid:\(mid)\r\n")
    }

    private static func serial(in sdp: String) -> Int? { sdp.split(separator: " ").last.flatMap { Int($0) } }

    /// Both ends applied each other's description: the link comes up (or fails, or stays connecting).
    private func connectIfPaired(_ serial: Int) {
        guard let end = links[serial], let remoteSerial = end.remote, let remote = links[remoteSerial],
              remote.remote == serial, !end.link.isClosed, !remote.link.isClosed, linksConnect else { return }
        if end.connected && remote.connected {
            // A renegotiation of a running pair (an ICE restart): the new path works.
            blackholed.remove(serial)
            blackholed.remove(remoteSerial)
            for side in [end, remote] {
                enqueue(side.owner, .link(peer: side.peer, generation: side.generation, .event(.state(.connected))))
            }
            for side in [serial, remoteSerial] {
                guard let held = links[side]?.held, !held.isEmpty, let other = links[side]?.remote, let target = links[other] else { continue }
                links[side]?.held = []
                for (channel, bytes) in held {
                    enqueue(target.owner, .link(peer: target.peer, generation: target.generation, .event(.message(channel, bytes))))
                }
            }
            return
        }
        for side in [end, remote] {
            let input: [LinkInput] = linksFail
                ? [.event(.state(.failed))]
                : [.event(.state(.connected))] + EngineChannel.allCases.map { LinkInput.event(.channelOpen($0)) }
            for item in input { enqueue(side.owner, .link(peer: side.peer, generation: side.generation, item)) }
        }
        if !linksFail {
            links[serial]?.connected = true
            links[remoteSerial]?.connected = true
        }
    }

    private func close(_ link: any PeerLink) {
        guard let fake = link as? FakePeerLink, !fake.isClosed else { return }
        fake.closeNow()
        // The other end sees the association go away.
        if let remoteSerial = links[fake.serial]?.remote, let remote = links[remoteSerial], remote.connected, !remote.link.isClosed,
           !blackholed.contains(fake.serial) {
            enqueue(remote.owner, .link(peer: remote.peer, generation: remote.generation, .event(.state(.closed))))
        }
    }

    /// Delivers what links sent to the other end, unless the path is cut.
    private func carryMessages() {
        for (serial, end) in links {
            let sent = end.link.takeSent()
            if !sent.isEmpty, end.connected, blackholed.contains(serial) {
                links[serial]?.held += sent
                continue
            }
            guard !sent.isEmpty, end.connected, let remoteSerial = end.remote,
                  let remote = links[remoteSerial], !remote.link.isClosed else { continue }
            for (channel, bytes) in sent {
                carried.append((channel, bytes))
                enqueue(remote.owner, .link(peer: remote.peer, generation: remote.generation, .event(.message(channel, bytes))))
            }
        }
    }

    /// Reports `event` on the current link of `who` to `peer`.
    func report(_ event: PeerLinkEvent, at who: UUID, toward peer: UUID) {
        guard let current = members[who]?.core.link(to: peer) else { return }
        enqueue(who, .link(peer: peer, generation: current.generation, .event(event)))
        run()
    }

    /// Cuts the path under the current link between `a` and `b` (both ends).
    func blackhole(_ a: UUID, _ b: UUID) {
        for (serial, end) in links where !end.link.isClosed && ((end.owner == a && end.peer == b) || (end.owner == b && end.peer == a)) {
            blackholed.insert(serial)
        }
    }

    // MARK: looking

    func events(_ id: UUID) -> [EngineEvent] { members[id]?.events ?? [] }

    func chats(at id: UUID, from peer: UUID) -> [String] {
        events(id).compactMap { if case .chat(peer, let text) = $0 { text } else { nil } }
    }

    func state(at id: UUID, of peer: UUID) -> ParticipantState? {
        members[id]?.core.participants.first { $0.id == peer }?.state
    }

    func statistics(at id: UUID, of peer: UUID) -> PeerStatistics? {
        members[id]?.core.statistics.first { $0.participant == peer }
    }

    /// Whether every member sees every other connected.
    var fullyConnected: Bool {
        order.allSatisfy { id in order.allSatisfy { other in other == id || state(at: id, of: other) == .connected } }
    }

    /// Sends MIDI from `id` now (its batcher arms the flush timer).
    func send(midi events: [MIDIEvent], from id: UUID) throws {
        let now = self.now
        try with(id) { core throws(EngineError) in ((), try core.send(midi: events, now: now)) }
    }

    /// Sends a chat line from `id`.
    func chat(_ text: String, from id: UUID) throws {
        let message = try ChatMessage(text)
        try with(id) { core throws(EngineError) in
            try core.send(chat: message)
            return ((), [])
        }
    }
}
