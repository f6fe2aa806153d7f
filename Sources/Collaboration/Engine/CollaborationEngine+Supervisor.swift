import Foundation
import Logging
import SignalingClient
import SignalingProtocol
import Synchronization

extension CollaborationEngine {
    /// The supervisor: handles one input at a time, in order, so negotiation steps of a peer
    /// never interleave. Only short locked sections touch shared state.
    func handle(_ input: SupervisorInput) async {
        switch input {
        case .enter(let membership, let keys, let continuation):
            await enterRoom(membership, keys: keys)
            continuation.resume()
        case .leave(let continuation):
            await endSession(leaving: true, final: .disconnected)
            continuation.resume()
        case .signaling(let event):
            await handleSignaling(event)
        case .link(let peer, let generation, let event):
            await handleLink(event, peer: peer, generation: generation)
        case .tick:
            await tick()
        }
    }

    /// The deterministic offerer rule: the smaller participant ID (as `uuidString`) offers.
    static func isOfferer(_ local: UUID, toward remote: UUID) -> Bool {
        local.uuidString < remote.uuidString
    }

    // MARK: session

    private func enterRoom(_ membership: RoomMembership, keys: RoomKeys?) async {
        let now = clock()
        let me = membership.participantID
        let interval = configuration.timing.pingInterval.engineMicroseconds
        let others = membership.participants.filter { $0.id != me }
        let early: [ServerMessage] = state.withLock { state in
            state.session = CollaborationSession(
                roomID: membership.roomID, roomCode: membership.roomCode.value,
                localParticipantID: me, hostID: membership.hostID)
            state.localID = me
            state.hostID = membership.hostID
            state.keys = keys
            state.localRole = membership.isHost ? .host : (membership.participants.first { $0.id == me }?.role ?? .participant)
            state.localMuted = false
            state.iceServers = configuration.iceServers ?? membership.iceServers
            state.connection = .connected
            for info in others where state.peers[info.id] == nil {
                state.peers[info.id] = PeerRecord(id: info.id, name: info.name, role: info.role, now: now, pingInterval: interval,
                                                      outboxCapacity: configuration.limits.outboxMessages)
                state.order.append(info.id)
            }
            defer { state.early = [] }
            return state.early
        }
        emit(.connectionState(.connected))
        for info in others { publishJoined(info.id) }
        for info in others where Self.isOfferer(me, toward: info.id) { await startOffer(to: info.id) }
        for message in early { await handleServer(message) }
    }

    /// Ends the session: closes every link, releases every sounding note.
    func endSession(leaving: Bool, final: EngineConnectionState) async {
        let now = clock()
        let (links, releases, wasIn): ([any PeerLink], [(UUID, [MIDIEvent])], Bool) = state.withLock { state in
            let wasIn = state.session != nil
            let links = state.peers.values.compactMap(\.link)
            let releases = state.order.map { ($0, state.notes.release(peer: $0, at: now)) }.filter { !$0.1.isEmpty }
            state.peers = [:]
            state.order = []
            state.session = nil
            state.localID = nil
            state.hostID = nil
            state.keys = nil
            state.localRole = .participant
            state.localMuted = false
            state.group = GroupBioSync()
            state.notes = NoteTracker()
            state.early = []
            state.connection = final
            return (links, releases, wasIn)
        }
        for (peer, events) in releases { emit(.midi(from: peer, events: events)) }
        if leaving, wasIn { try? await signaling.leave() }
        for link in links { await link.close() }
        emit(.connectionState(final))
    }

    // MARK: signaling

    private func handleSignaling(_ event: SignalingEvent) async {
        switch event {
        case .state(let signalingState):
            let mapped: EngineConnectionState? = switch signalingState {
            case .connected: .connected
            case .reconnecting: .reconnecting
            default: nil
            }
            guard let mapped else { return }
            let changed = state.withLock { state in
                guard state.session != nil, state.connection != mapped, state.connection != .failed else { return false }
                state.connection = mapped
                return true
            }
            if changed { emit(.connectionState(mapped)) }
        case .resumed(let membership):
            await resumed(membership)
        case .resumeFailed(let error, _):
            logger.warning("session lost: the server no longer knows us", metadata: ["error": "\(error)"])
            emit(.error(.signaling(.server(error))))
            await endSession(leaving: false, final: .failed)
        case .serverClosed(let code, let reason):
            logger.info("signaling server closed the connection", metadata: ["code": "\(code)", "reason": "\(reason ?? "")"])
        case .message(let message):
            let buffered: Bool = state.withLock { state in
                guard state.session == nil else { return false }
                if state.connection == .connecting, state.early.count < 256 { state.early.append(message) }
                return true
            }
            if !buffered { await handleServer(message) }
        }
    }

    /// After a signaling resume: catch up on membership, and renegotiate every link that is not
    /// up (an offer, answer or candidate the server wrote to the dead socket is lost).
    private func resumed(_ membership: RoomMembership) async {
        let changed = state.withLock { state in
            guard state.session != nil, state.connection != .connected else { return false }
            state.connection = .connected
            return true
        }
        if changed { emit(.connectionState(.connected)) }
        guard let me = state.withLock({ $0.localID }) else { return }
        let present = Set(membership.participants.map(\.id))
        let known = Set(state.withLock { $0.order })
        for gone in known.subtracting(present) { await removePeer(gone, reason: .left) }
        for info in membership.participants where info.id != me && !known.contains(info.id) {
            await handleServer(.participantJoined(info))
        }
        if state.withLock({ $0.hostID }) != membership.hostID { await handleServer(.hostChanged(membership.hostID)) }
        let stalled = state.withLock { state in
            state.order.filter { id in
                guard let record = state.peers[id] else { return false }
                return !record.isUp && !record.refused && Self.isOfferer(me, toward: id)
            }
        }
        for peer in stalled { await startOffer(to: peer) }
    }

    private func handleServer(_ message: ServerMessage) async {
        switch message {
        case .participantJoined(let info):
            let now = clock()
            let interval = configuration.timing.pingInterval.engineMicroseconds
            let me: UUID? = state.withLock { state in
                guard let me = state.localID, info.id != me, state.peers[info.id] == nil else { return nil }
                state.peers[info.id] = PeerRecord(id: info.id, name: info.name, role: info.role, now: now, pingInterval: interval,
                                                      outboxCapacity: configuration.limits.outboxMessages)
                state.order.append(info.id)
                return me
            }
            guard let me else { return }
            publishJoined(info.id)
            if Self.isOfferer(me, toward: info.id) { await startOffer(to: info.id) }
        case .participantLeft(let id, _):
            await removePeer(id, reason: .left)
        case .hostChanged(let id):
            let affected: [UUID] = state.withLock { state in
                let old = state.hostID
                state.hostID = id
                if id == state.localID { state.localRole = .host } else { state.peers[id]?.role = .host }
                if let old, old != id {
                    if old == state.localID { state.localRole = .participant } else { state.peers[old]?.role = .participant }
                }
                return [old, id].compactMap { $0 }
            }
            emit(.hostChanged(id))
            for peer in affected { publishParticipant(peer) }
        case .offer(let from, let sdp):
            await handleOffer(sdp, from: from)
        case .answer(let from, let sdp):
            await handleAnswer(sdp, from: from)
        case .candidate(let from, let candidate):
            await handleCandidate(candidate.candidate, from: from)
        case .error(let error):
            if error.code == .unknownTarget {
                logger.debug("signaling: target gone", metadata: ["error": "\(error)"])
            } else {
                logger.warning("signaling error", metadata: ["error": "\(error)"])
                emit(.error(.signaling(.server(error))))
            }
        case .roomCreated, .joined, .pong:
            break
        }
    }

    private func publishJoined(_ id: UUID) {
        guard let participant = participants.first(where: { $0.id == id }) else { return }
        emit(.participantJoined(participant))
    }

    func removePeer(_ id: UUID, reason: ParticipantLeaveReason) async {
        let now = clock()
        let removed: (link: (any PeerLink)?, releases: [MIDIEvent])? = state.withLock { state in
            guard let record = state.peers.removeValue(forKey: id) else { return nil }
            state.order.removeAll { $0 == id }
            state.group.remove(id)
            return (record.link, state.notes.release(peer: id, at: now))
        }
        guard let removed else { return }
        if !removed.releases.isEmpty { emit(.midi(from: id, events: removed.releases)) }
        await removed.link?.close()
        emit(.participantLeft(id, reason: reason))
    }

    // MARK: negotiation

    /// Makes a fresh link for `peer` (closing the old one): the start of every negotiation.
    private func newLink(for peer: UUID) async -> (any PeerLink)? {
        let allocated: (UInt64, [ICEServer])? = state.withLock { state in
            guard state.peers[peer] != nil else { return nil }
            state.peers[peer]!.generation += 1
            return (state.peers[peer]!.generation, state.iceServers)
        }
        guard let (generation, servers) = allocated else { return nil }
        let link: any PeerLink
        do {
            link = try await transport.makeLink(iceServers: servers) { [weak self] event in
                self?.linkEvent(peer: peer, generation: generation, event)
            }
        } catch {
            logger.warning("could not make a peer link", metadata: ["peer": "\(peer)", "error": "\(error)"])
            return nil
        }
        let now = clock()
        let (old, installed, wasUp): ((any PeerLink)?, Bool, Bool) = state.withLock { state in
            guard state.peers[peer]?.generation == generation else { return (link, false, false) }
            let old = state.peers[peer]!.link
            let wasUp = state.peers[peer]!.isUp
            state.peers[peer]!.link = link
            state.peers[peer]!.linkState = .new
            state.peers[peer]!.linkStateSince = now
            state.peers[peer]!.openChannels = []
            state.peers[peer]!.remoteDescriptionSet = false
            state.peers[peer]!.pendingCandidates = []
            return (old, true, wasUp)
        }
        if wasUp { releaseNotes(of: peer) }
        await old?.close()
        return installed ? link : nil
    }

    private func startOffer(to peer: UUID) async {
        guard let link = await newLink(for: peer) else { return }
        let sdp: String
        do {
            sdp = try await link.createOffer()
        } catch {
            logger.warning("offer failed", metadata: ["peer": "\(peer)", "error": "\(error)"])
            return
        }
        await relay(sdp, offer: true, to: peer)
    }

    /// Seals a description for `peer` and sends it through the server. A send that fails (the
    /// socket dropped) is only logged: after the resume the offerer offers again.
    private func relay(_ sdp: String, offer: Bool, to peer: UUID) async {
        guard let sealed = sealSignal(sdp, to: peer) else { return }
        do {
            if offer {
                try await signaling.sendOffer(to: peer, sdp: sealed)
            } else {
                try await signaling.sendAnswer(to: peer, sdp: sealed)
            }
        } catch {
            logger.warning("could not signal \(offer ? "offer" : "answer")", metadata: ["peer": "\(peer)", "error": "\(error)"])
        }
    }

    private func handleOffer(_ sdp: String, from peer: UUID) async {
        guard await ensurePeer(peer) else { return }
        let text: String
        switch openSignal(sdp, from: peer) {
        case .text(let opened):
            text = opened
        case .rejected:
            await refuse(peer)
            return
        case .wrongSecret:
            await refuse(peer)
            // Tell the offerer why: a reject it can open only if its secret matches ours (it will not).
            if let reject = sealSignal(SignalOpening.rejectText, to: peer) {
                try? await signaling.sendAnswer(to: peer, sdp: reject)
            }
            return
        case .tampered:
            logger.warning("dropped an altered offer", metadata: ["peer": "\(peer)"])
            return
        }
        state.withLock { $0.peers[peer]?.refused = false }
        guard let link = await newLink(for: peer) else { return }
        let answer: String
        do {
            answer = try await link.acceptOffer(text)
        } catch {
            logger.warning("could not answer", metadata: ["peer": "\(peer)", "error": "\(error)"])
            return
        }
        await remoteDescriptionApplied(peer, link: link)
        await relay(answer, offer: false, to: peer)
    }

    private func handleAnswer(_ sdp: String, from peer: UUID) async {
        switch openSignal(sdp, from: peer) {
        case .text(let text):
            let link: (any PeerLink)? = state.withLock { state in
                guard let record = state.peers[peer], !record.remoteDescriptionSet else { return nil }
                return record.link
            }
            guard let link else { return }
            do {
                try await link.acceptAnswer(text)
            } catch {
                logger.warning("answer refused", metadata: ["peer": "\(peer)", "error": "\(error)"])
                return
            }
            await remoteDescriptionApplied(peer, link: link)
        case .rejected, .wrongSecret:
            await refuse(peer)
        case .tampered:
            logger.warning("dropped an altered answer", metadata: ["peer": "\(peer)"])
        }
    }

    private func handleCandidate(_ text: String, from peer: UUID) async {
        guard case .text(let opened) = openSignal(text, from: peer) else { return }
        let candidate: String? = opened.isEmpty ? nil : opened
        let limit = configuration.limits.pendingCandidates
        let link: (any PeerLink)? = state.withLock { state in
            guard let record = state.peers[peer] else { return nil }
            if record.remoteDescriptionSet, let link = record.link { return link }
            if record.pendingCandidates.count < limit { state.peers[peer]?.pendingCandidates.append(candidate) }
            return nil
        }
        do {
            try await link?.addRemoteCandidate(candidate)
        } catch {
            logger.debug("candidate refused", metadata: ["peer": "\(peer)", "error": "\(error)"])
        }
    }

    private func remoteDescriptionApplied(_ peer: UUID, link: any PeerLink) async {
        let pending: [String?] = state.withLock { state in
            guard state.peers[peer]?.link === link else { return [] }
            state.peers[peer]?.remoteDescriptionSet = true
            defer { state.peers[peer]?.pendingCandidates = [] }
            return state.peers[peer]?.pendingCandidates ?? []
        }
        for candidate in pending { try? await link.addRemoteCandidate(candidate) }
    }

    /// Knows `peer`, learning it from the signaling client's membership if needed (an offer
    /// from a participant removed as lost that came back).
    private func ensurePeer(_ peer: UUID) async -> Bool {
        if state.withLock({ $0.peers[peer] != nil }) { return true }
        guard let info = await signaling.membership?.participants.first(where: { $0.id == peer }) else { return false }
        await handleServer(.participantJoined(info))
        return state.withLock { $0.peers[peer] != nil }
    }

    private func refuse(_ peer: UUID) async {
        let link: (any PeerLink)?? = state.withLock { state in
            guard let record = state.peers[peer], !record.refused else { return nil }
            state.peers[peer]?.refused = true
            defer { state.peers[peer]?.link = nil }
            return .some(record.link)
        }
        guard let link else { return }
        logger.warning("room secret mismatch", metadata: ["peer": "\(peer)"])
        await link?.close()
        emit(.error(.wrongRoomSecret(peer: peer)))
        publishParticipant(peer)
    }

    private func openSignal(_ text: String, from peer: UUID) -> SignalOpening {
        let (keys, me) = state.withLock { ($0.keys, $0.localID) }
        guard let me else { return .tampered }
        return SignalOpening.open(text, sealer: keys?.signalSealer, from: peer, to: me)
    }

    private func sealSignal(_ text: String, to peer: UUID) -> String? {
        state.withLock { state -> String? in
            guard let keys = state.keys else { return text }
            guard let me = state.localID else { return nil }
            do {
                return try keys.signalSealer.seal(text, from: me, to: peer, using: &state.random)
            } catch {
                logger.error("could not seal a signal", metadata: ["error": "\(error)"])
                return nil
            }
        }
    }

    // MARK: link events

    private func handleLink(_ event: PeerLinkEvent, peer: UUID, generation: UInt64) async {
        let now = clock()
        let limits = configuration.limits
        switch event {
        case .localCandidate(let candidate):
            guard state.withLock({ $0.peers[peer]?.generation == generation }),
                  let sealed = sealSignal(candidate ?? "", to: peer) else { return }
            do {
                try await signaling.sendCandidate(to: peer, candidate: ICECandidateInit(candidate: sealed, sdpMid: "0", sdpMLineIndex: 0))
            } catch {
                logger.debug("could not signal candidate", metadata: ["peer": "\(peer)", "error": "\(error)"])
            }
        case .state(let linkState):
            let (changed, wentDown): (Bool, Bool) = state.withLock { state in
                guard state.peers[peer]?.generation == generation, state.peers[peer]!.linkState != linkState else { return (false, false) }
                let wasUp = state.peers[peer]!.isUp
                state.peers[peer]!.linkState = linkState
                state.peers[peer]!.linkStateSince = now
                if state.peers[peer]!.isUp { Self.markUp(&state.peers[peer]!, now: now) }
                return (true, wasUp && !state.peers[peer]!.isUp)
            }
            if wentDown { releaseNotes(of: peer) }
            if changed { publishParticipant(peer) }
        case .channelOpen(let channel):
            let becameUp: Bool = state.withLock { state in
                guard state.peers[peer]?.generation == generation else { return false }
                let wasUp = state.peers[peer]!.isUp
                state.peers[peer]!.openChannels.insert(channel)
                if channel == .control { sendGreeting(to: peer, state: &state) }
                Self.flushOutbox(channel, peer: &state.peers[peer]!, limits: limits)
                let isUp = state.peers[peer]!.isUp
                if isUp { Self.markUp(&state.peers[peer]!, now: now) }
                return !wasUp && isUp
            }
            if becameUp { publishParticipant(peer) }
        case .channelClosed(let channel):
            let wentDown: Bool = state.withLock { state in
                guard state.peers[peer]?.generation == generation else { return false }
                let wasUp = state.peers[peer]!.isUp
                state.peers[peer]!.openChannels.remove(channel)
                return wasUp && !state.peers[peer]!.isUp
            }
            if wentDown {
                releaseNotes(of: peer)
                publishParticipant(peer)
            }
        case .message(let channel, let bytes):
            receive(bytes, on: channel, from: peer, generation: generation)
        }
    }

    /// Tells the peer what arrived of its numbered messages (when that changed), and retries
    /// what a full channel queue refused.
    private static func acknowledgeAndPump(peer: inout PeerRecord, limits: EngineLimits) {
        var acks: [SequenceAck] = []
        for channel in EngineChannel.allCases where channel.isReliable {
            if let ack = peer.inbound[channel]?.acknowledgement(for: channel) { acks.append(ack) }
            pump(channel, peer: &peer)
        }
        if !acks.isEmpty { deliverPlain(ControlMessage.ack(acks).encoded(), on: .control, peer: &peer, limits: limits) }
    }

    private static func markUp(_ record: inout PeerRecord, now: Int64) {
        record.lastUpAt = now
        record.restartAttempt = 0
        record.nextRestartAt = nil
    }

    /// On a new control channel: hello, then (from the host) the roles and mutes it must know.
    private func sendGreeting(to peer: UUID, state: inout EngineState) {
        var capabilities: PeerCapabilities = [.midi, .bio, .audioPCM16]
        if state.keys != nil { capabilities.insert(.sealedBio) }
        if state.peers[peer] != nil {
            Self.deliverPlain(ControlMessage.hello(protocolVersion: PayloadFormat.version, capabilities: capabilities).encoded(),
                              on: .control, peer: &state.peers[peer]!, limits: configuration.limits)
        }
        guard let me = state.localID, state.hostID == me else { return }
        for id in state.order {
            guard let record = state.peers[id] else { continue }
            if record.role == .coHost || record.role == .spectator {
                broadcast(ControlMessage.role(participant: id, role: record.role).encoded(), on: .control, to: peer, state: &state)
            }
            if record.muted {
                broadcast(ControlMessage.mute(participant: id, muted: true).encoded(), on: .control, to: peer, state: &state)
            }
        }
    }

    private func releaseNotes(of peer: UUID) {
        let now = clock()
        let events = state.withLock { $0.notes.release(peer: peer, at: now) }
        if !events.isEmpty { emit(.midi(from: peer, events: events)) }
    }

    // MARK: housekeeping

    private func tick() async {
        let now = clock()
        let timing = configuration.timing
        let limits = configuration.limits
        let (lost, restarts): ([UUID], [UUID]) = state.withLock { state in
            guard let me = state.localID else { return ([], []) }
            var lost: [UUID] = []
            var restarts: [UUID] = []
            for id in state.order {
                guard state.peers[id] != nil else { continue }
                if state.peers[id]!.isUp {
                    state.peers[id]!.lastUpAt = now
                    if let ping = state.peers[id]!.clock.pollPing(now: now) {
                        Self.deliverPlain(ping.encoded(), on: .control, peer: &state.peers[id]!, limits: limits)
                    }
                    Self.acknowledgeAndPump(peer: &state.peers[id]!, limits: limits)
                    continue
                }
                let record = state.peers[id]!
                if record.refused { continue }
                if let up = record.lastUpAt, now.subtractingSaturating(up) > timing.peerLostTimeout.engineMicroseconds {
                    lost.append(id)
                    continue
                }
                guard Self.isOfferer(me, toward: id) else { continue }
                let stalled = record.link == nil || record.linkState == .failed || record.linkState == .closed
                    || now.subtractingSaturating(record.linkStateSince) > timing.restartAfter.engineMicroseconds
                guard stalled else { continue }
                if let next = record.nextRestartAt, now < next { continue }
                let attempt = record.restartAttempt
                let delay = min(timing.restartDelay.engineMicroseconds << min(attempt, 16), timing.maximumRestartDelay.engineMicroseconds)
                state.peers[id]!.restartAttempt = attempt + 1
                state.peers[id]!.nextRestartAt = now.addingSaturating(delay).addingSaturating(timing.restartAfter.engineMicroseconds)
                state.peers[id]!.restarts += 1
                restarts.append(id)
            }
            return (lost, restarts)
        }
        for id in lost {
            logger.info("peer lost", metadata: ["peer": "\(id)"])
            await removePeer(id, reason: .lost)
            state.withLock { $0.lostAt[id] = now }
        }
        await meetLostPeersAgain(now: now)
        for id in restarts {
            logger.info("restarting peer link", metadata: ["peer": "\(id)"])
            publishParticipant(id)
            await startOffer(to: id)
        }
    }

    /// A participant removed as lost stays in the room at the server (its socket may be fine while
    /// the UDP path was not). Both sides forgot it, so without this nobody would offer again.
    private func meetLostPeersAgain(now: Int64) async {
        let retryAfter = configuration.timing.peerRetryAfterLost.engineMicroseconds
        let due: [UUID] = state.withLock { state in
            guard let me = state.localID else { return [] }
            state.lostAt = state.lostAt.filter { state.peers[$0.key] == nil }
            return state.lostAt.filter { id, at in
                now.subtractingSaturating(at) >= retryAfter && Self.isOfferer(me, toward: id)
            }.map(\.key)
        }
        guard !due.isEmpty else { return }
        let members = await signaling.membership?.participants ?? []
        for id in due {
            state.withLock { _ = $0.lostAt.removeValue(forKey: id) }
            guard let info = members.first(where: { $0.id == id }) else { continue }
            logger.info("meeting a lost peer again", metadata: ["peer": "\(id)"])
            await handleServer(.participantJoined(info))
        }
    }
}
