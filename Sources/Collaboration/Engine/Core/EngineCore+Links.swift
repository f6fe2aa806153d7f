import Foundation
import Logging
import SignalingProtocol

extension EngineCore {
    mutating func link(_ input: LinkInput, peer: UUID, generation: UInt64, now: Int64, into actions: inout [EngineAction]) {
        if case .event(.message(let channel, let bytes)) = input {
            receive(bytes, on: channel, from: peer, generation: generation, now: now, into: &actions)
            return
        }
        guard let record = room?.peers[peer], record.link.generation == generation else {
            // A link made for a negotiation that was replaced meanwhile (or a peer that left).
            if case .made(let link) = input { actions.append(.closeLink(link)) }
            return
        }
        switch input {
        case .made(let link):
            guard case .making(_, let offer, let pending, _) = record.link else {
                actions.append(.closeLink(link))
                return
            }
            // A new link has no path until its ICE selects one.
            room?.peers[peer]?.path = nil
            if let offer {
                var session = LinkSession(generation: generation, link: link, negotiation: .answering, pending: pending,
                                          now: now, remoteSessionID: LinkSession.sessionID(of: offer))
                session.mid = LinkSession.mid(of: offer)
                room?.peers[peer]?.link = .linked(session)
                actions.append(.acceptOffer(peer: peer, generation: generation, link: link, sdp: offer))
            } else {
                room?.peers[peer]?.link = .linked(LinkSession(generation: generation, link: link, negotiation: .creatingOffer,
                                                              pending: [], now: now))
                actions.append(.createOffer(peer: peer, generation: generation, link: link))
            }
        case .makeFailed(let error):
            actions.append(.log(.warning, "could not make a peer link (\(error))", peer: peer))
            room?.peers[peer]?.link = .idle(since: now)
        case .offerCreated(let sdp):
            descriptionReady(sdp, isOffer: true, peer: peer, now: now, into: &actions)
        case .answerCreated(let sdp):
            descriptionReady(sdp, isOffer: false, peer: peer, now: now, into: &actions)
        case .answerApplied:
            guard case .linked(var session) = record.link, session.negotiation == .applyingAnswer else { return }
            session.negotiation = .complete
            session.negotiationSince = now
            session.restartingIce = false
            if !session.pendingCandidates.isEmpty { actions.append(.addCandidates(link: session.link, session.pendingCandidates)) }
            session.pendingCandidates = []
            room?.peers[peer]?.link = .linked(session)
        case .negotiationFailed(let error):
            actions.append(.log(.warning, "negotiation failed (\(error))", peer: peer))
            guard case .linked(var session) = record.link else { return }
            if session.restartingIce {
                // The running link could not restart ICE: replace it, as before ICE restarts existed.
                startLink(to: peer, answering: nil, restart: true, now: now, into: &actions)
                return
            }
            session.transport = .failed
            room?.peers[peer]?.link = .linked(session)
        case .event(let event):
            linkEvent(event, peer: peer, now: now, into: &actions)
        }
    }

    /// Our offer or answer is applied locally: signal it, then the candidates held behind it.
    private mutating func descriptionReady(_ sdp: String, isOffer: Bool, peer: UUID, now: Int64, into actions: inout [EngineAction]) {
        let expected: LinkSession.Negotiation = isOffer ? .creatingOffer : .answering
        guard case .linked(var session)? = room?.peers[peer]?.link, session.negotiation == expected else { return }
        session.negotiation = isOffer ? LinkSession.Negotiation.awaitingAnswer : .complete
        session.negotiationSince = now
        // The mid the transport wrote (ours, unless it cannot choose one): what the answer and
        // the peer's candidates must carry.
        if isOffer { session.mid = LinkSession.mid(of: sdp) }
        let held = session.heldLocalCandidates
        session.heldLocalCandidates = []
        if !isOffer, !session.pendingCandidates.isEmpty {
            actions.append(.addCandidates(link: session.link, session.pendingCandidates))
            session.pendingCandidates = []
        }
        room?.peers[peer]?.link = .linked(session)
        guard let sealed = sealSignal(sdp, to: peer, into: &actions) else { return }
        let message: SignalMessage = isOffer ? .offer(to: peer, sdp: sealed) : .answer(to: peer, sdp: sealed)
        actions.append(.signal(message))
        for candidate in held { signalCandidate(candidate, mid: session.mid, to: peer, into: &actions) }
    }

    private mutating func signalCandidate(_ candidate: String?, mid: String?, to peer: UUID, into actions: inout [EngineAction]) {
        guard let sealed = sealSignal(candidate ?? "", to: peer, into: &actions) else { return }
        actions.append(.signal(.candidate(to: peer, candidate: sealed, mid: mid)))
    }

    private mutating func linkEvent(_ event: PeerLinkEvent, peer: UUID, now: Int64, into actions: inout [EngineAction]) {
        guard case .linked(var session)? = room?.peers[peer]?.link else { return }
        let wasUp = session.isUp
        switch event {
        case .localCandidate(let candidate):
            guard session.hasSentDescription else {
                session.heldLocalCandidates.append(candidate)
                room?.peers[peer]?.link = .linked(session)
                return
            }
            signalCandidate(candidate, mid: session.mid, to: peer, into: &actions)
            return
        case .state(let state):
            guard session.transport != state else { return }
            session.transport = state
        case .channelOpen(let channel):
            session.openChannels.insert(channel)
        case .channelClosed(let channel):
            session.openChannels.remove(channel)
        case .message:
            return
        case .path(let path):
            guard room?.peers[peer]?.path != path else { return }
            room?.peers[peer]?.path = path
            actions.append(.log(.info, "link path \(path) (remote \(path.remoteAddress))", peer: peer))
            if let update = published(peer) { actions.append(update) }
            return
        }
        let isUp = session.isUp
        if isUp { session.wasUp = true }
        if wasUp, !isUp { session.downSince = now }
        room?.peers[peer]?.link = .linked(session)
        if case .channelOpen(let channel) = event {
            if channel == .control { greet(peer) }
            room?.peers[peer]?.flushOutbox(channel)
        }
        if isUp { room?.peers[peer]?.markUp(now: now) }
        if wasUp, !isUp { releaseNotes(of: peer, now: now, into: &actions) }
        if case .state = event, let update = published(peer) {
            actions.append(update)
        } else if wasUp != isUp, let update = published(peer) {
            actions.append(update)
        }
    }

    /// On a new control channel: hello, then (from the host) the roles and mutes it must know.
    private mutating func greet(_ peer: UUID) {
        guard let room else { return }
        var capabilities: PeerCapabilities = [.midi, .bio, .audioPCM16, .audioOpus, .lz4, .compactAudio]
        if room.keys != nil { capabilities.insert(.sealedBio) }
        let hello = ControlMessage.hello(protocolVersion: PayloadFormat.version, capabilities: capabilities).encoded()
        self.room?.peers[peer]?.deliverPlain(hello, on: .control, limits: limits)
        if room.recordingAnnounced {
            let notice = ControlMessage.recording(active: room.localRecording).encoded()
            self.room?.peers[peer]?.deliverPlain(notice, on: .control, limits: limits)
        }
        guard room.hostID == room.localID else { return }
        for id in room.order {
            guard let record = room.peers[id] else { continue }
            if record.role == .coHost || record.role == .spectator {
                self.room?.peers[peer]?.deliver(ControlMessage.role(participant: id, role: record.role).encoded(), on: .control, limits: limits)
            }
            if record.muted {
                self.room?.peers[peer]?.deliver(ControlMessage.mute(participant: id, muted: true).encoded(), on: .control, limits: limits)
            }
        }
    }

    mutating func releaseNotes(of peer: UUID, now: Int64, into actions: inout [EngineAction]) {
        // What the peer sent but has not played yet is dropped with it: its note-offs come below.
        room?.peers[peer]?.midi.reset()
        let released = notes.release(peer: peer, at: now)
        if !released.isEmpty { actions.append(.emit(.midi(from: peer, events: released))) }
    }

    // MARK: housekeeping

    mutating func tick(now: Int64, into actions: inout [EngineAction]) {
        guard let me = room?.localID else { return }
        var lost: [UUID] = []
        for id in room?.order ?? [] {
            guard let record = room?.peers[id] else { continue }
            if case .linked(let session) = record.link, session.restartingIce, session.negotiation == .awaitingAnswer,
               now.subtractingSaturating(session.negotiationSince) >= timing.answerTimeout.engineMicroseconds {
                if Self.isOfferer(me, toward: id) {
                    actions.append(.log(.info, "restarting peer link: ICE restart unanswered", peer: id))
                    room?.peers[id]?.restarts += 1
                    startLink(to: id, answering: nil, restart: true, now: now, into: &actions)
                } else {
                    // Only the peer may replace the link: give it up, so the peer's restart rule
                    // (and its next offer) takes over.
                    actions.append(.log(.info, "ICE restart unanswered: closing the link for the peer to replace", peer: id))
                    actions.append(.closeLink(session.link))
                    room?.peers[id]?.link = .idle(since: now)
                }
                if let update = published(id) { actions.append(update) }
                continue
            }
            if record.isUp {
                room?.peers[id]?.lastUpAt = now
                if let ping = room?.peers[id]?.clock.pollPing(now: now) {
                    room?.peers[id]?.deliverPlain(ping.encoded(), on: .control, limits: limits)
                }
                // Only to peers that speak Opus: an older peer or a browser would count it malformed.
                if record.capabilities?.contains(.audioOpus) == true, let loss = room?.peers[id]?.audioMeter.report() {
                    room?.peers[id]?.deliverPlain(ControlMessage.audioLoss(percent: loss).encoded(), on: .control, limits: limits)
                }
                room?.peers[id]?.acknowledgeAndPump(limits: limits)
                continue
            }
            if record.isRefused { continue }
            if let up = record.lastUpAt, now.subtractingSaturating(up) > timing.peerLostTimeout.engineMicroseconds {
                lost.append(id)
                continue
            }
            guard Self.isOfferer(me, toward: id) else {
                offerInOfferersPlace(to: id, record, now: now, into: &actions)
                continue
            }
            guard let reason = restartReason(record.link, now: now) else { continue }
            if let next = record.nextRestartAt, now < next { continue }
            let delay = min(timing.restartDelay.engineMicroseconds << min(record.restartAttempt, 16),
                            timing.maximumRestartDelay.engineMicroseconds)
            room?.peers[id]?.restartAttempt += 1
            room?.peers[id]?.nextRestartAt = now.addingSaturating(delay)
            room?.peers[id]?.restarts += 1
            actions.append(.log(.info, "restarting peer link: \(reason)", peer: id))
            startLink(to: id, answering: nil, restart: true, now: now, into: &actions)
            if let update = published(id) { actions.append(update) }
        }
        for id in lost {
            actions.append(.log(.info, "peer lost", peer: id))
            remove(id, reason: .lost, now: now, into: &actions)
        }
        meetLostPeersAgain(now: now, into: &actions)
    }

    /// Our side of the link failed, and we are its answerer. The offerer may not know for a long
    /// while: on a path that went black both ways its own consent checks take up to 30 s (RFC 7675
    /// §5.1). So we offer a new link at once, as after a network change; the offerer takes it (an
    /// offer on a new session replaces its link), and the glare rule settles one it is making
    /// itself. Only on a failure: a link the peer closed tells it already. Once per time the link
    /// was up, so a link that keeps failing is left to the offerer's backoff.
    private mutating func offerInOfferersPlace(to id: UUID, _ record: PeerRecord, now: Int64, into actions: inout [EngineAction]) {
        guard !record.offeredInOfferersPlace, case .linked(let session) = record.link, session.transport == .failed else { return }
        room?.peers[id]?.offeredInOfferersPlace = true
        room?.peers[id]?.restarts += 1
        actions.append(.log(.info, "link failed: offering a new link in the offerer's place", peer: id))
        startLink(to: id, answering: nil, restart: true, now: now, into: &actions)
        if let update = published(id) { actions.append(update) }
    }

    /// Why the offerer should replace this link now, or `nil` while it may still come up. ICE that
    /// is still checking is never cut short: only a reported failure, an offer nobody answered, or
    /// a link not up for `linkStallTimeout` after its negotiation completed (far longer than a
    /// working check schedule) restarts it.
    func restartReason(_ phase: PeerLinkPhase, now: Int64) -> String? {
        switch phase {
        case .refused, .making:
            return nil
        case .idle:
            return "no link"
        case .linked(let session):
            if session.transport == .failed || session.transport == .closed { return "transport \(session.transport.rawValue)" }
            if session.negotiation == .awaitingAnswer,
               now.subtractingSaturating(session.negotiationSince) >= timing.answerTimeout.engineMicroseconds {
                return "offer unanswered"
            }
            guard !session.isUp else { return nil }
            // The stall clock runs from the negotiation's end: before it, the answer timeout
            // rules, and a slow peer's answer is not taken for a stall. A negotiation held up in
            // a step of our own (making the offer, applying the answer) ends after both.
            let start = session.negotiation == .complete
                ? max(session.downSince, session.negotiationSince)
                : session.downSince.addingSaturating(timing.answerTimeout.engineMicroseconds)
            return now.subtractingSaturating(start) >= timing.linkStallTimeout.engineMicroseconds
                ? "not up for \(timing.linkStallTimeout)" : nil
        }
    }

    /// A participant removed as lost stays in the room at the server (its socket may be fine while
    /// the UDP path was not). Both sides forgot its link, so its offerer meets it again.
    private mutating func meetLostPeersAgain(now: Int64, into actions: inout [EngineAction]) {
        guard let me = room?.localID, let lost = room?.lost, !lost.isEmpty else { return }
        let retryAfter = timing.peerRetryAfterLost.engineMicroseconds
        for (id, entry) in lost where now.subtractingSaturating(entry.at) >= retryAfter && Self.isOfferer(me, toward: id) {
            actions.append(.log(.info, "meeting a lost peer again", peer: id))
            meet(entry.info, now: now, into: &actions)
        }
    }

    /// The machine's addresses changed: a link whose path left from a vanished address is dead
    /// (its socket can send nothing), and one not up may now find a path over a new interface.
    /// Either side renegotiates at once, not only the designated offerer: the side that saw the
    /// change is the only one that knows, and waiting for the peer's consent checks to fail takes
    /// 30 s. The peer answers our offer (the glare rule settles a crossing one).
    mutating func networkChanged(_ change: InterfaceChange, now: Int64, into actions: inout [EngineAction]) {
        guard room != nil else { return }
        let removed = Set(change.removed)
        // The driver replaces the signaling socket on a removal, just before this input; the
        // offers made below (at `now`) are then queued for the new socket, not lost.
        if !removed.isEmpty, signalingDownSince == nil { signalingDownSince = now - 1 }
        for id in room?.order ?? [] {
            guard let record = room?.peers[id], !record.isRefused else { continue }
            let affected: Bool
            if record.isUp, let path = record.path {
                // A relay's path leaves from a host address we cannot see in its candidate: any
                // removal may have taken it.
                affected = path.localType == "relay" ? !removed.isEmpty : removed.contains(path.localIP)
            } else {
                affected = !record.isUp
            }
            guard affected else { continue }
            switch record.link {
            case .making, .refused: continue
            case .idle, .linked: break
            }
            room?.peers[id]?.restarts += 1
            room?.peers[id]?.nextRestartAt = nil
            if case .linked(var session) = record.link, session.canRestartIce {
                // RFC 8445 §9: new credentials and candidates through a new offer/answer on the
                // same link; DTLS and SCTP stay up, so nothing sent meanwhile is lost.
                actions.append(.log(.info, "network changed (gone: \(change.removed), new: \(change.added)): restarting ICE", peer: id))
                session.negotiation = .creatingOffer
                session.negotiationSince = now
                session.restartingIce = true
                room?.peers[id]?.link = .linked(session)
                actions.append(.restartIce(peer: id, generation: session.generation, link: session.link,
                                           iceServers: room?.iceServers ?? []))
                continue
            }
            actions.append(.log(.info, "network changed (gone: \(change.removed), new: \(change.added)): renegotiating", peer: id))
            startLink(to: id, answering: nil, restart: true, now: now, into: &actions)
            if let update = published(id) { actions.append(update) }
        }
    }
}
