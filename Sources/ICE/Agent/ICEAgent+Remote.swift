public import RTCBase
import DequeModule
import STUN

extension ICEAgent {
    /// Sets the peer's ufrag and password. New credentials after earlier ones mean the peer
    /// restarted ICE (RFC 8445 §9): remote candidates and the checklist start over, while the
    /// selected pair keeps carrying data until a new one is nominated.
    public mutating func setRemoteCredentials(_ credentials: ICECredentials, now: RTCInstant) {
        guard !isClosed, credentials != remoteCredentials else { return }
        if remoteCredentials != nil { startNewGeneration() }
        remoteCredentials = credentials
        sendCheckIfPaced(now: now)
        updateConnectionState()
    }

    /// Adds a trickled remote candidate (RFC 8838 §11); returns `false` when it is ignored.
    ///
    /// Ignored: non-UDP transports (e.g. Chrome's `tcptype active`), components other than 1,
    /// candidates whose `ufrag` is not the current remote one, and duplicates. A signaled candidate
    /// replaces a peer-reflexive one learned earlier for the same address.
    @discardableResult
    public mutating func addRemoteCandidate(_ candidate: Candidate, now: RTCInstant) -> Bool {
        guard !isClosed, candidate.transport == "udp", candidate.component == 1 else { return false }
        if let ufrag = candidate.ufrag, let remoteCredentials, ufrag != remoteCredentials.ufrag { return false }
        if let existing = remotes.firstIndex(where: { $0.address == candidate.address }) {
            guard remotes[existing].type == .peerReflexive else { return false }
            remotes[existing] = candidate
            for index in checklist.indices where checklist[index].remote.address == candidate.address {
                checklist[index].remote = candidate
                checklist[index].priority = pairPriority(local: checklist[index].local, remote: candidate)
            }
            return true
        }
        guard remotes.count < configuration.maxRemoteCandidates else { return false }
        remotes.append(candidate)
        pairNewRemote(remotes.count - 1)
        sendCheckIfPaced(now: now)
        updateConnectionState()
        return true
    }

    /// Parses a `candidate:` line and adds it; see ``addRemoteCandidate(_:now:)``.
    @discardableResult
    public mutating func addRemoteCandidate(sdpAttribute line: String, now: RTCInstant) throws(CandidateParseError) -> Bool {
        addRemoteCandidate(try Candidate(sdpAttribute: line), now: now)
    }

    /// The peer signaled end-of-candidates (RFC 8838 §13): once every pair fails, ICE fails.
    public mutating func setRemoteEndOfCandidates(now: RTCInstant) {
        remoteEndOfCandidates = true
        updateConnectionState()
    }

    /// RFC 8445 §6.1.2.3 with G the controlling side's candidate priority.
    func pairPriority(local: Candidate, remote: Candidate) -> UInt64 {
        role == .controlling
            ? CandidatePair.priority(controlling: local.priority, controlled: remote.priority)
            : CandidatePair.priority(controlling: remote.priority, controlled: local.priority)
    }

    mutating func pairNewLocal(_ localIndex: Int) {
        for remoteIndex in remotes.indices { addPair(localIndex: localIndex, remote: remotes[remoteIndex]) }
    }

    mutating func pairNewRemote(_ remoteIndex: Int) {
        for localIndex in locals.indices { addPair(localIndex: localIndex, remote: remotes[remoteIndex]) }
    }

    /// RFC 8445 §6.1.2.2: pair candidates of the same component and address family; link-local
    /// IPv6 only with link-local. Returns the pair's index, existing or new.
    @discardableResult
    mutating func addPair(localIndex: Int, remote: Candidate) -> Int? {
        let local = locals[localIndex]
        guard local.pairable, local.candidate.address.ip.isIPv4 == remote.address.ip.isIPv4,
              local.candidate.address.ip.isLinkLocal == remote.address.ip.isLinkLocal || local.candidate.address.ip.isIPv4
        else { return nil }
        if let existing = checklist.firstIndex(where: { $0.localIndex == localIndex && $0.remote.address == remote.address }) {
            return existing
        }
        // RFC 8445 §6.1.2.5: bound the checklist.
        guard checklist.count < configuration.maxPairs else { return nil }
        var pair = CandidatePair(id: nextPairID, local: local.candidate, localIndex: localIndex, remote: remote,
                                 priority: pairPriority(local: local.candidate, remote: remote), generation: generation,
                                 relayProtocol: local.relay.map { relays[$0].client.transport })
        nextPairID += 1
        // RFC 8838 §11 / RFC 8445 §6.1.2.6: the first pair of a foundation starts Waiting, the rest Frozen.
        let foundationBusy = checklist.contains {
            $0.foundation == pair.foundation && ($0.state == .waiting || $0.state == .inProgress)
        }
        let foundationSucceeded = checklist.contains { $0.foundation == pair.foundation && $0.state == .succeeded }
        pair.state = foundationBusy && !foundationSucceeded ? .frozen : .waiting
        checklist.append(pair)
        return checklist.count - 1
    }

    /// RFC 8445 §7.2.5.3.3: a success unfreezes every Frozen pair with the same foundation.
    mutating func unfreeze(foundation: String) {
        for index in checklist.indices where checklist[index].foundation == foundation && checklist[index].state == .frozen {
            checklist[index].state = .waiting
        }
    }

    /// Starts a new ICE generation: a restart on either side (RFC 8445 §9).
    mutating func startNewGeneration() {
        generation += 1
        remotes = []
        localPeerReflexives = []
        checklist = []
        triggered = []
        checks = checks.filter { $0.value.kind == .consent }
        nominatingPairID = nil
        firstValidAt = nil
        lastCheckAt = nil
        checklistDone = false
        remoteEndOfCandidates = false
    }

    /// Switches role after a conflict and recomputes pair priorities (they depend on the role).
    mutating func switchRole(to newRole: ICERole) {
        guard role != newRole else { return }
        role = newRole
        nominatingPairID = nil
        for index in checklist.indices {
            checklist[index].priority = pairPriority(local: checklist[index].local, remote: checklist[index].remote)
        }
        events.append(.roleChanged(newRole))
    }
}
