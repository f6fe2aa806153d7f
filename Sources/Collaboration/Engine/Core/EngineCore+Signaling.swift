import Foundation
import Logging
import SignalingClient
import SignalingProtocol

extension EngineCore {
    /// After a signaling resume: catch up on membership, and make a fresh offer on every link we
    /// offer that is not up (an offer, answer or candidate the server wrote to the dead socket is lost).
    mutating func resumed(_ membership: RoomSnapshot, now: Int64, into actions: inout [EngineAction]) {
        guard let me = room?.localID else { return }
        let downSince = signalingDownSince
        signalingDownSince = nil
        if connection != .connected {
            connection = .connected
            actions.append(.emit(.connectionState(.connected)))
        }
        let present = Set(membership.participants.map(\.id))
        for id in room?.order ?? [] where !present.contains(id) { remove(id, reason: .left, now: now, into: &actions) }
        for info in membership.participants where info.id != me && room?.isMember(info.id) == false {
            meet(info, now: now, into: &actions)
        }
        if room?.hostID != membership.hostID { hostChanged(membership.hostID, into: &actions) }
        for id in room?.order ?? [] {
            guard let record = room?.peers[id], !record.isUp, !record.isRefused, Self.isOfferer(me, toward: id) else { continue }
            if case .making = record.link { continue }
            // An offer begun while the socket was away is queued, not lost: making another now
            // would cross it, and its answer would land on the wrong link.
            if case .linked(let session) = record.link, session.isOffering, let downSince,
               session.negotiationSince > downSince { continue }
            actions.append(.log(.info, "renegotiating after a signaling resume", peer: id))
            startLink(to: id, answering: nil, restart: true, now: now, into: &actions)
        }
    }

    mutating func server(_ message: ServerMessage, now: Int64, into actions: inout [EngineAction]) {
        switch message {
        case .participantJoined(let info):
            if room?.peers[info.id] == nil { meet(info, now: now, into: &actions) }
        case .participantLeft(let id, _):
            remove(id, reason: .left, now: now, into: &actions)
        case .hostChanged(let id):
            hostChanged(id, into: &actions)
        case .offer(let from, let sdp):
            offer(sdp, from: from, now: now, into: &actions)
        case .answer(let from, let sdp):
            answer(sdp, from: from, into: &actions)
        case .candidate(let from, let candidate):
            remoteCandidate(candidate.candidate, mid: candidate.sdpMid, from: from, into: &actions)
        case .error(let error):
            if error.code == .unknownTarget {
                actions.append(.log(.debug, "signaling: target gone (\(error))", peer: nil))
            } else {
                actions.append(.log(.warning, "signaling error (\(error))", peer: nil))
                actions.append(.emit(.error(.signaling(.server(error)))))
            }
        case .roomCreated, .joined, .pong, .iceServers:
            break
        }
    }

    private mutating func hostChanged(_ id: UUID, into actions: inout [EngineAction]) {
        guard let old = room?.hostID, let me = room?.localID else { return }
        room?.hostID = id
        if id == me { room?.localRole = .host } else { room?.peers[id]?.role = .host }
        if old != id {
            if old == me { room?.localRole = .participant } else { room?.peers[old]?.role = .participant }
        }
        actions.append(.emit(.hostChanged(id)))
        for peer in [old, id] {
            if let update = published(peer) { actions.append(update) }
        }
    }

    // MARK: negotiation

    /// Replaces the link to `id` with a new one (closing the old): the start of every negotiation.
    /// `restart` marks the offerer replacing a failed or stalled link.
    mutating func startLink(to id: UUID, answering offer: String?, restart: Bool, now: Int64, into actions: inout [EngineAction]) {
        guard let servers = room?.iceServers, let record = room?.peers[id] else { return }
        guard let generation = room?.peers[id]?.nextGeneration() else { return }
        let old = record.link.link
        // An answer takes the offer's mid: only our own offers need one.
        let mid = offer == nil ? nextMid() : "0"
        room?.peers[id]?.link = .making(generation: generation, answering: offer, pending: [], since: now)
        if record.isUp {
            releaseNotes(of: id, now: now, into: &actions)
            if let update = published(id) { actions.append(update) }
        }
        if restart {
            actions.append(.restartLink(peer: id, generation: generation, iceServers: servers, mid: mid, replacing: old))
        } else {
            if let old { actions.append(.closeLink(old)) }
            actions.append(.makeLink(peer: id, generation: generation, iceServers: servers, mid: mid))
        }
    }

    /// A mid no earlier link of ours had: the start of our participant ID (so it differs from the
    /// peer's own) and a count. Answers and candidates carry it back, which tells those meant
    /// for a link we replaced from those for the new one (docs/PROTOCOL.md, "Peer links").
    private mutating func nextMid() -> String {
        linksMade += 1
        let prefix = room.map { String($0.localID.uuidString.prefix(6)).lowercased() } ?? "l"
        return "\(prefix)-\(linksMade % 1_000_000_000)"
    }

    private mutating func offer(_ sdp: String, from peer: UUID, now: Int64, into actions: inout [EngineAction]) {
        guard let me = room?.localID else { return }
        if room?.peers[peer] == nil {
            // A participant removed as lost offers again: we still know it from the room.
            guard let lost = room?.lost[peer] else {
                actions.append(.log(.debug, "offer from a participant not in the room", peer: peer))
                return
            }
            meet(lost.info, offering: false, now: now, into: &actions)
        }
        guard let record = room?.peers[peer] else { return }
        let text: String
        switch openSignal(sdp, from: peer) {
        case .text(let opened):
            text = opened
        case .rejected:
            refuse(peer, into: &actions)
            return
        case .wrongSecret:
            refuse(peer, into: &actions)
            // Tell the offerer why: a reject it can open only if its secret matches ours (it will not).
            if let reject = sealSignal(SignalOpening.rejectText, to: peer, into: &actions) {
                actions.append(.signal(.answer(to: peer, sdp: reject)))
            }
            return
        case .tampered:
            actions.append(.log(.warning, "dropped an altered offer", peer: peer))
            return
        }
        // Glare: the designated offerer keeps its own unanswered offer; the other side answers it.
        if Self.isOfferer(me, toward: peer) {
            switch record.link {
            case .making(_, .none, _, _):
                actions.append(.log(.info, "glare: ignoring an offer while ours is being made", peer: peer))
                return
            case .linked(let session) where session.isOffering:
                actions.append(.log(.info, "glare: ignoring an offer while ours is unanswered", peer: peer))
                return
            default:
                break
            }
        }
        if case .linked(var session) = record.link, let id = LinkSession.sessionID(of: text), id == session.remoteSessionID {
            // The same peer connection offers again: an ICE restart on the running link.
            guard session.negotiation == .complete || session.isOffering else {
                actions.append(.log(.info, "renegotiation while one is being applied: ignored", peer: peer))
                return
            }
            // Crossing restarts (both sides saw a change): ours is dropped, theirs answered.
            session.negotiation = .answering
            session.negotiationSince = now
            session.restartingIce = false
            room?.peers[peer]?.link = .linked(session)
            actions.append(.log(.info, "answering an ICE restart", peer: peer))
            actions.append(.acceptOffer(peer: peer, generation: session.generation, link: session.link, sdp: text))
            return
        }
        startLink(to: peer, answering: text, restart: false, now: now, into: &actions)
    }

    private mutating func answer(_ sdp: String, from peer: UUID, into actions: inout [EngineAction]) {
        switch openSignal(sdp, from: peer) {
        case .text(let text):
            guard case .linked(var session)? = room?.peers[peer]?.link, session.negotiation == .awaitingAnswer else {
                actions.append(.log(.debug, "answer without an offer out: ignored", peer: peer))
                return
            }
            // An answer echoes its offer's mid (JSEP §5.3.1). One to an offer of a link we
            // replaced (it came after our answer timeout) would point this link at the peer's
            // closed one: the answer to this offer is still to come.
            if let ours = session.mid, let theirs = LinkSession.mid(of: text), theirs != ours {
                actions.append(.log(.info, "an answer to an earlier offer (mid \(theirs), ours \(ours)): ignored", peer: peer))
                return
            }
            session.negotiation = .applyingAnswer
            if session.remoteSessionID == nil { session.remoteSessionID = LinkSession.sessionID(of: text) }
            room?.peers[peer]?.link = .linked(session)
            actions.append(.acceptAnswer(peer: peer, generation: session.generation, link: session.link, sdp: text))
        case .rejected, .wrongSecret:
            refuse(peer, into: &actions)
        case .tampered:
            actions.append(.log(.warning, "dropped an altered answer", peer: peer))
        }
    }

    /// A candidate the peer trickled, for the negotiation its `mid` names. One for a link that
    /// was replaced since is dropped: added to the new link it would be checked in vain, and its
    /// end-of-candidates could fail the new link before the peer's real candidates arrive.
    private mutating func remoteCandidate(_ text: String, mid: String?, from peer: UUID, into actions: inout [EngineAction]) {
        guard case .text(let opened) = openSignal(text, from: peer), let phase = room?.peers[peer]?.link else { return }
        let candidate: String? = opened.isEmpty ? nil : opened
        switch phase {
        case .linked(var session):
            // While our offer is being made the peer has not seen it: nothing it sends is for this link.
            guard session.negotiation != .creatingOffer else {
                actions.append(.log(.debug, "a candidate while our offer is being made: dropped", peer: peer))
                return
            }
            guard LinkSession.candidate(mid: mid, fits: session.mid) else {
                actions.append(.log(.debug, "a candidate for an earlier link (mid \(mid ?? "none")): dropped", peer: peer))
                return
            }
            if session.hasRemoteDescription {
                actions.append(.addCandidates(link: session.link, [candidate]))
            } else if session.pendingCandidates.count < limits.pendingCandidates {
                session.pendingCandidates.append(candidate)
                room?.peers[peer]?.link = .linked(session)
            }
        case .making(let generation, let offer?, var pending, let since):
            // Candidates for the offer we are about to answer: held until the link exists.
            guard LinkSession.candidate(mid: mid, fits: LinkSession.mid(of: offer)) else {
                actions.append(.log(.debug, "a candidate for an earlier link (mid \(mid ?? "none")): dropped", peer: peer))
                return
            }
            guard pending.count < limits.pendingCandidates else { return }
            pending.append(candidate)
            room?.peers[peer]?.link = .making(generation: generation, answering: offer, pending: pending, since: since)
        case .making, .idle, .refused:
            break
        }
    }

    /// The room secrets differ: no link to `peer`, never retried.
    private mutating func refuse(_ peer: UUID, into actions: inout [EngineAction]) {
        guard let record = room?.peers[peer], !record.isRefused else { return }
        room?.peers[peer]?.link = .refused
        actions.append(.log(.warning, "room secret mismatch", peer: peer))
        if let link = record.link.link { actions.append(.closeLink(link)) }
        actions.append(.emit(.error(.wrongRoomSecret(peer: peer))))
        if let update = published(peer) { actions.append(update) }
    }

    // MARK: sealing

    func openSignal(_ text: String, from peer: UUID) -> SignalOpening {
        guard let room else { return .tampered }
        return SignalOpening.open(text, sealer: room.keys?.signalSealer, from: peer, to: room.localID)
    }

    mutating func sealSignal(_ text: String, to peer: UUID, into actions: inout [EngineAction]) -> String? {
        guard let room else { return nil }
        guard let keys = room.keys else { return text }
        do {
            return try keys.signalSealer.seal(text, from: room.localID, to: peer, using: &random)
        } catch {
            actions.append(.log(.error, "could not seal a signal (\(error))", peer: peer))
            return nil
        }
    }
}
