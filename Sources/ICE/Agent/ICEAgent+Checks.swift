import STUN
import RTCBase
import DequeModule

extension ICEAgent {
    /// Sends the next check: the triggered queue first, then the best Waiting pair, then (RFC 8445
    /// §6.1.4.2) the best Frozen one. Returns whether a check went out.
    mutating func sendNextCheck(now: RTCInstant) -> Bool {
        while !triggered.isEmpty {
            let next = triggered.removeFirst()
            guard let index = checklist.firstIndex(where: { $0.id == next.pairID }) else { continue }
            if checklist[index].state == .succeeded && !next.useCandidate { continue }
            sendCheck(index, useCandidate: next.useCandidate, now: now)
            return true
        }
        guard !checklistDone else { return false }
        let candidates = checklist.indices.filter { checklist[$0].state == .waiting }
        let pool = candidates.isEmpty ? checklist.indices.filter { checklist[$0].state == .frozen } : candidates
        guard let best = pool.max(by: { checklist[$0].priority < checklist[$1].priority }) else { return false }
        sendCheck(best, useCandidate: false, now: now)
        return true
    }

    /// RFC 8445 §7.2.4: a Binding request with PRIORITY, the role attribute, USE-CANDIDATE when
    /// nominating, USERNAME `remote:local`, MESSAGE-INTEGRITY with the remote password, FINGERPRINT.
    mutating func sendCheck(_ index: Int, useCandidate: Bool, now: RTCInstant) {
        guard let remoteCredentials else { return }
        let pair = checklist[index]
        let local = locals[pair.localIndex]
        // §7.1.1: PRIORITY is what a peer-reflexive candidate from this base would get.
        let priority = Candidate.priority(type: .peerReflexive, localPreference: local.localPreference)
        let id = TransactionID.random(using: &random)
        let request = checkRequest(id: id, username: "\(remoteCredentials.ufrag):\(localCredentials.ufrag)",
                                   priority: priority, useCandidate: useCandidate && role == .controlling)
        let bytes = request.encode(key: .shortTerm(password: remoteCredentials.pwd), fingerprint: true)
        var transaction = STUNTransaction(request: bytes, transactionID: id, now: now, rto: configuration.checkRTO,
                                          maxRTO: configuration.checkMaxRTO, rc: max(1, configuration.checkMaxTransmits), rm: 4)
        if checklist[index].state != .succeeded { checklist[index].state = .inProgress }
        if let payload = transaction.pollTransmit() {
            sendOnLocal(pair.localIndex, to: pair.remote.address, payload: payload, now: now)
            stats.checksSent += 1
        }
        checks[id] = CheckTransaction(kind: .check, pairID: pair.id, transaction: transaction, useCandidate: useCandidate,
                                      roleAtSend: role, remotePassword: remoteCredentials.pwd,
                                      localIndex: pair.localIndex, destination: pair.remote.address, priority: priority)
    }

    func checkRequest(id: TransactionID, username: String, priority: UInt32, useCandidate: Bool) -> STUNMessage {
        var attributes: [STUNAttribute] = []
        if let software = configuration.software { attributes.append(.software(software)) }
        attributes += [.username(username), .priority(priority),
                       role == .controlling ? .iceControlling(tieBreaker) : .iceControlled(tieBreaker)]
        if useCandidate { attributes.append(.useCandidate) }
        return STUNMessage(type: .bindingRequest, transactionID: id, attributes: attributes)
    }

    /// RFC 8445 §7.2.5: processes a response to a connectivity or consent check.
    mutating func handleCheckResponse(_ message: STUNMessage, raw: [UInt8], from: TransportAddress,
                                      localIndex: Int, check: CheckTransaction, now: RTCInstant) {
        guard STUNMessage.checkIntegrity(of: raw, key: .shortTerm(password: check.remotePassword)) == .valid else {
            stats.badIntegrityMessages += 1
            return
        }
        checks[message.transactionID] = nil
        if message.type.messageClass == .successResponse, check.transaction.sendCount == 1,
           selectedPair.map({ $0.localIndex == check.localIndex && $0.remote.address == check.destination }) ?? (check.kind == .check) {
            roundTripTime = now - check.transaction.startedAt
        }
        if check.kind == .consent {
            // RFC 7675 §5.1 grants consent on a response "from the remote address" checked, as
            // RFC 8445 §7.2.5.2.1 requires of any check: a response from elsewhere grants nothing.
            if message.type.messageClass == .successResponse, from == check.destination, localIndex == check.localIndex {
                consentResponse(now: now)
            }
            return
        }
        guard let index = checklist.firstIndex(where: { $0.id == check.pairID }) else { return }
        // §7.2.5.2.1: "the source and destination transport addresses ... are symmetric".
        guard from == check.destination, localIndex == check.localIndex else {
            checklist[index].state = .failed
            diagnose(pair: index, "response from \(from), not the address checked (asymmetric, RFC 8445 §7.2.5.2.1)")
            return
        }
        if message.type.messageClass == .errorResponse {
            if message.errorCode?.code == 487 {
                // §7.2.5.1: switch to the role opposite the one in the request, retry the pair.
                if role == check.roleAtSend { switchRole(to: check.roleAtSend.flipped) }
                checklist[index].state = .waiting
                enqueueTriggered(checklist[index].id, useCandidate: false)
            } else {
                checklist[index].state = .failed
                diagnose(pair: index, "error response \(message.errorCode?.description ?? "without ERROR-CODE")")
                if nominatingPairID == check.pairID { nominatingPairID = nil }
            }
            return
        }
        if selectedPair?.localIndex == check.localIndex && selectedPair?.remote.address == check.destination {
            consentResponse(now: now)
        }
        if let mapped = message.mappedAddress { learnLocalPeerReflexive(mapped, from: localIndex, priority: check.priority) }
        checklist[index].state = .succeeded
        if check.transaction.sendCount == 1, checklist[index].checkRoundTrip == nil {
            checklist[index].checkRoundTrip = now - check.transaction.startedAt
        }
        if firstValidAt == nil { firstValidAt = now }
        unfreeze(foundation: checklist[index].foundation)
        // §12.1: what waited for a valid pair leaves on this one (a nomination below may select it).
        if selectedPair == nil, !heldDatagrams.isEmpty, let best = bestValidPairIndex {
            releaseHeld(on: checklist[best], now: now)
        }
        let nominate = (check.useCandidate && role == .controlling) || (role == .controlled && checklist[index].nominateOnSuccess)
        if nominate {
            nominatePair(index, now: now)
        } else {
            // Decide on nomination now rather than at the next timer: when this success came from a
            // triggered check, no other check work may be pending to wake the agent before
            // ``ICEConfiguration/nominationDelay`` (seen live: +450 ms on a third of loopback connects).
            let nominating = nominatingPairID
            maybeNominate(now: now)
            // The nomination check leaves with this response, not from a timer due at once (a
            // loop turn and a timer re-arm later): it is exempt from pacing (see `maybeNominate`).
            if nominating == nil, nominatingPairID != nil { sendCheckIfPaced(now: now) }
        }
    }

    /// RFC 8445 §7.2.5.3.1: a mapped address unknown locally is a new peer-reflexive candidate.
    ///
    /// It belongs to the generation whose check learned it (``startNewGeneration()`` drops it),
    /// and at most ``maxLocalPeerReflexives`` are kept per generation: each is one NAT mapping of
    /// one of our bases, so more means a peer reporting made-up addresses.
    mutating func learnLocalPeerReflexive(_ mapped: TransportAddress, from localIndex: Int, priority: UInt32) {
        let local = locals[localIndex]
        guard local.relay == nil, !locals.contains(where: { !$0.retired && $0.candidate.address == mapped }),
              !localPeerReflexives.contains(where: { $0.address == mapped }),
              localPeerReflexives.count < Self.maxLocalPeerReflexives else { return }
        let candidate = Candidate(foundation: foundation(for: .peerReflexive, base: local.base.ip, server: nil),
                                  priority: priority, address: mapped, type: .peerReflexive, relatedAddress: local.base)
        localPeerReflexives.append(candidate)
        events.append(.localPeerReflexiveCandidate(candidate))
    }

    /// Local peer-reflexive candidates kept per generation.
    static let maxLocalPeerReflexives = 16

    mutating func enqueueTriggered(_ pairID: Int, useCandidate: Bool) {
        let item = TriggeredCheck(pairID: pairID, useCandidate: useCandidate)
        guard !triggered.contains(item) else { return }
        if useCandidate { triggered.prepend(item) } else { triggered.append(item) }
    }

    /// Reports why a pair failed (for the driver's debug log).
    mutating func diagnose(pair index: Int, _ reason: String) {
        events.append(.diagnostic(.pairFailed(local: checklist[index].local, remote: checklist[index].remote, reason: reason)))
    }
}
