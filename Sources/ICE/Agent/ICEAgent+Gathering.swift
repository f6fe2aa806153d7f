import STUN
public import RTCBase
import DequeModule

extension ICEAgent {
    /// Starts gathering: host candidates at once, then server-reflexive (STUN Binding) and relay
    /// (TURN Allocate) candidates per server and matching-family host address.
    ///
    /// Gathering always finishes: each server gets ``ICEConfiguration/gatheringTimeout``.
    public mutating func startGathering(now: RTCInstant) {
        guard gatheringState == .new, !isClosed else { return }
        setGatheringState(.gathering)
        for address in hostAddresses {
            guard let index = addHostCandidate(address) else { continue }
            if locals[index].pairable {
                events.append(.localCandidate(locals[index].candidate))
                pairNewLocal(index)
            }
        }
        for baseIndex in locals.indices { gatherFromServers(base: baseIndex, relays: true, now: now) }
        // Remote candidates known already (in the remote description): check the new pairs now.
        sendCheckIfPaced(now: now)
        checkGatheringComplete()
    }

    /// Adds the host candidate for `address` unless it is a duplicate or loopback that is not
    /// wanted; returns its index. The caller announces and pairs it.
    mutating func addHostCandidate(_ address: TransportAddress) -> Int? {
        if address.ip.isLoopback && !configuration.includeLoopback { return nil }
        guard !locals.contains(where: { !$0.retired && $0.candidate.type == .host && $0.base == address }) else { return nil }
        let preference = Self.hostLocalPreference(
            live: locals.lazy.filter { !$0.retired && $0.candidate.type == .host }.map(\.localPreference),
            listed: Set(locals.lazy.filter { $0.candidate.type == .host }.map(\.localPreference)))
        let candidate = Candidate(
            foundation: foundation(for: .host, base: address.ip, server: nil),
            priority: Candidate.priority(type: .host, localPreference: preference),
            address: address, type: .host)
        locals.append(LocalCandidate(candidate: candidate, base: address, relay: nil,
                                     pairable: configuration.transportPolicy != .relay, localPreference: preference))
        return locals.count - 1
    }

    /// The local preference of a new host candidate. RFC 8445 §5.1.2.1: "If there are multiple
    /// candidates for a particular component for a particular data stream that have the same
    /// type, the local preference MUST be unique for each one." So none held by a host candidate
    /// still `listed` (a retired one kept for its pair included); and below the lowest of the
    /// `live` ones, so that a new interface after a move ranks below those that survive it, as at
    /// the start (the first address gets 65535, the next 65534), instead of taking a top value a
    /// dropped one freed. Only when nothing is free below (after some 65,000 moves that each kept
    /// the lowest) does it take the highest free value.
    static func hostLocalPreference(live: some Sequence<UInt16>, listed: Set<UInt16>) -> UInt16 {
        let start = live.min().map { Int($0) - 1 } ?? 65535
        // Each search ends within `listed.count + 1` steps unless it runs out of range.
        let below = stride(from: start, through: 0, by: -1).lazy.map { UInt16($0) }.first { !listed.contains($0) }
        // Fewer than 65,536 host candidates are listed, so the fallback always finds one.
        return below ?? (0...UInt16.max).reversed().first { !listed.contains($0) } ?? 0
    }

    /// Asks every server of the base's family for a server-reflexive candidate (STUN Binding) and,
    /// when `relays` is set, a relay one (TURN Allocate).
    mutating func gatherFromServers(base baseIndex: Int, relays withRelays: Bool, now: RTCInstant) {
        let relayOnly = configuration.transportPolicy == .relay
        let base = locals[baseIndex].base
        for server in servers where base.ip.isIPv4 == server.address.ip.isIPv4 {
            switch server.kind {
            case .stun:
                guard !relayOnly else { continue }
                let id = TransactionID.random(using: &random)
                var attributes: [STUNAttribute] = []
                if let software = configuration.software { attributes.append(.software(software)) }
                let request = STUNMessage(type: .bindingRequest, transactionID: id, attributes: attributes)
                var transaction = STUNTransaction(request: request.encode(fingerprint: true), transactionID: id, now: now)
                if let payload = transaction.pollTransmit() {
                    transmits.append(Transmit(source: base, destination: server.address, payload: payload))
                }
                gatherings[id] = GatherTransaction(transaction: transaction, baseIndex: baseIndex, server: server.address,
                                                   deadline: now + configuration.gatheringTimeout)
            case .turn(let username, let password):
                guard withRelays else { continue }
                var connection: RelayConnection?
                if server.transport.isStream {
                    // RFC 8656 §3.1: over TCP or TLS each allocation has its own connection.
                    connection = RelayConnection(id: nextConnectionID, transport: server.transport, local: base,
                                                 server: server.address, serverName: server.serverName)
                    nextConnectionID += 1
                }
                let client = TURNClient(server: server.address, local: base, username: username, password: password,
                                        lifetime: configuration.turnLifetime, software: configuration.software,
                                        connection: connection, random: random.split(), now: now)
                relays.append(RelaySlot(client: client, baseIndex: baseIndex,
                                        deadline: now + configuration.gatheringTimeout))
            }
        }
    }

    /// RFC 8445 §5.1.1.3: same type, base IP, server and transport give the same foundation (for
    /// a relay, the transport to its server counts: a TCP relay may work where a UDP one does not).
    mutating func foundation(for type: CandidateType, base: IPAddress, server: IPAddress?,
                             transport: TURNTransport = .udp) -> String {
        let key = "\(type.rawValue)|\(base)|\(server.map(\.description) ?? "")|\(transport.rawValue)"
        if let existing = foundations[key] { return existing }
        foundationsMade += 1
        let value = String(foundationsMade)
        foundations[key] = value
        return value
    }

    mutating func handleGatherResponse(_ message: STUNMessage, gather: GatherTransaction) {
        gatherings[message.transactionID] = nil
        defer { checkGatheringComplete() }
        guard message.type.messageClass == .successResponse, let mapped = message.mappedAddress else {
            retireUnconfirmedReflexive(base: locals[gather.baseIndex].base, server: gather.server)
            return
        }
        let base = locals[gather.baseIndex]
        // Asked again after a restart, the server sees this base at a new mapping (the NAT moved
        // it): the new one replaces the old, which is what the server no longer sees, instead of
        // one more candidate kept and re-announced on every restart. Matched by the server's full
        // address, not the foundation, which names only its IP: two servers on one IP each keep
        // their own. Found before the redundancy check below, which would otherwise keep the old
        // one: with one NAT mapping for every destination, the other server may have reported the
        // new mapping first.
        let previous = reflexiveIndex(base: base.base, server: gather.server)
        // RFC 8445 §5.1.3: a server-reflexive candidate equal to its base is redundant, as is one
        // a candidate in use already has (a candidate retired with its address is not in use: a
        // network that comes back with the same mapping gets it announced again).
        guard mapped != base.base, !locals.contains(where: { !$0.retired && $0.candidate.address == mapped }) else {
            // This server's old mapping is stale all the same: retired, so it is neither listed nor
            // announced again, and dropped at the next network change (a server-reflexive
            // candidate forms no pairs, its base does, so no index held elsewhere refers to it).
            if let previous, locals[previous].candidate.address != mapped {
                locals[previous].retired = true
            }
            return
        }
        // A local peer-reflexive candidate at this address (a check answered before the STUN
        // server) gives way: it is never signaled, and the peer needs this one, so the mapping is
        // announced and listed once, as server-reflexive.
        localPeerReflexives.removeAll { $0.address == mapped }
        let candidate = Candidate(
            foundation: foundation(for: .serverReflexive, base: base.base.ip, server: gather.server.ip),
            priority: Candidate.priority(type: .serverReflexive, localPreference: base.localPreference),
            address: mapped, type: .serverReflexive, relatedAddress: base.base)
        if let previous {
            locals[previous].candidate = candidate
        } else {
            locals.append(LocalCandidate(candidate: candidate, base: base.base, relay: nil, pairable: false,
                                         localPreference: base.localPreference, server: gather.server))
        }
        events.append(.localCandidate(candidate))
    }

    /// The server did not confirm this base's mapping when asked again (no answer within the
    /// gathering timeout, or an error): the server-reflexive candidate it reported before is
    /// retired, so a mapping nobody vouches for now (the NAT may have moved it) is neither listed
    /// nor announced again. The base's checks still find a working mapping as peer-reflexive.
    mutating func retireUnconfirmedReflexive(base: TransportAddress, server: TransportAddress) {
        if let index = reflexiveIndex(base: base, server: server) { locals[index].retired = true }
    }

    /// The live server-reflexive candidate `server` reported for `base` (at most one: a new
    /// mapping replaces it in place).
    func reflexiveIndex(base: TransportAddress, server: TransportAddress) -> Int? {
        locals.firstIndex { local in
            !local.retired && local.candidate.type == .serverReflexive && local.base == base && local.server == server
        }
    }

    /// Processes the events a TURN client produced.
    mutating func drainRelay(_ index: Int, now: RTCInstant) {
        while let event = relays[index].client.pollEvent() {
            switch event {
            case .allocated(let relayed, let mapped, _):
                guard relays[index].deadline != nil, !isClosed else { continue }
                relays[index].deadline = nil
                let base = locals[relays[index].baseIndex]
                let transport = relays[index].client.transport
                let preference = Self.relayLocalPreference(transport: transport, base: base.localPreference)
                let candidate = Candidate(
                    foundation: foundation(for: .relay, base: base.base.ip, server: relays[index].client.server.ip,
                                           transport: transport),
                    priority: Candidate.priority(type: .relay, localPreference: preference),
                    address: relayed, type: .relay, relatedAddress: mapped ?? base.base)
                locals.append(LocalCandidate(candidate: candidate, base: base.base, relay: index, pairable: true,
                                             localPreference: preference))
                relays[index].localIndex = locals.count - 1
                events.append(.localCandidate(candidate))
                pairNewLocal(locals.count - 1)
                checkGatheringComplete()
            case .allocationFailed(let reason):
                relays[index].deadline = nil
                events.append(.diagnostic(.relayFailed(server: relays[index].client.server, reason: reason)))
                relayLost(index)
                checkGatheringComplete()
            case .requestFailed(let request, let reason):
                events.append(.diagnostic(.relayRequestFailed(server: relays[index].client.server, request: request, reason: reason)))
            case .responseDiscarded(let request, let reason):
                events.append(.diagnostic(.relayResponseDiscarded(server: relays[index].client.server, request: request, reason: reason)))
            case .data(let bytes, let peer):
                guard let localIndex = relays[index].localIndex, !isClosed else { continue }
                handleDatagram(bytes, from: peer, localIndex: localIndex, now: now)
            case .closed:
                relayLost(index)
            case .permissionCreated, .channelBound:
                break
            }
        }
    }

    /// RFC 8445 §5.1.2.1: "The local preference MUST be an integer from 0 (lowest preference) to
    /// 65535 (highest preference) inclusive". For relays the transport to the server comes first
    /// (UDP over TCP over TLS, in the top two bits), then the preference of the base.
    static func relayLocalPreference(transport: TURNTransport, base: UInt16) -> UInt16 {
        transport.preference << 14 | (base & 0x3FFF)
    }

    /// A relay whose allocation is gone (its connection closed, its refreshes failed, or it
    /// expired): its candidate forms no more pairs, its pairs fail, and a selected pair on it loses
    /// consent at once (RFC 7675 §5.1: no more data on it) instead of 30 s later.
    mutating func relayLost(_ index: Int) {
        guard !isClosed, let localIndex = relays[index].localIndex, locals[localIndex].pairable else { return }
        locals[localIndex].pairable = false
        for pair in checklist.indices where checklist[pair].localIndex == localIndex {
            checklist[pair].state = .failed
        }
        triggered.removeAll { check in checklist.contains { $0.id == check.pairID && $0.localIndex == localIndex } }
        for (id, check) in checks where check.localIndex == localIndex { checks[id] = nil }
        if selectedPair?.localIndex == localIndex { consent?.expired = true }
        if nominatingPairID.map({ id in checklist.contains { $0.id == id && $0.localIndex == localIndex } }) == true {
            nominatingPairID = nil
        }
        updateConnectionState()
    }

    mutating func expireGathering(now: RTCInstant) {
        for (id, gather) in gatherings.sorted(by: { $0.key < $1.key }) {
            var gather = gather
            gather.transaction.handleTimeout(now: now)
            if let payload = gather.transaction.pollTransmit() {
                transmits.append(Transmit(source: locals[gather.baseIndex].base, destination: gather.server, payload: payload))
            }
            let over = now >= gather.deadline || gather.transaction.state == .timedOut
            if over {
                events.append(.diagnostic(.reflexiveTimedOut(server: gather.server)))
                retireUnconfirmedReflexive(base: locals[gather.baseIndex].base, server: gather.server)
            }
            gatherings[id] = over ? nil : gather
        }
        for index in relays.indices {
            if let deadline = relays[index].deadline, now >= deadline {
                // Gathering gives up on this server; the late allocation, if any, is released.
                relays[index].deadline = nil
                events.append(.diagnostic(.relayFailed(server: relays[index].client.server,
                                                     reason: "no allocation within the gathering timeout")))
                relays[index].client.close(now: now)
            }
        }
        checkGatheringComplete()
    }

    mutating func checkGatheringComplete() {
        guard gatheringState == .gathering, gatherings.isEmpty, !relays.contains(where: { $0.deadline != nil }) else { return }
        setGatheringState(.complete)
        updateConnectionState()
    }

    mutating func setGatheringState(_ state: ICEGatheringState) {
        guard gatheringState != state else { return }
        gatheringState = state
        events.append(.gatheringStateChanged(state))
    }
}
