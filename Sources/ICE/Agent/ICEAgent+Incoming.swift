import STUN
public import RTCBase
import DequeModule

extension ICEAgent {
    /// Handles one datagram that arrived on local socket `to` from `from`.
    ///
    /// STUN goes to the checks, TURN server traffic to its client, anything else from a valid pair
    /// comes out as ``ICEEvent/data(_:from:)``. Malformed or unexpected input is counted and dropped.
    public mutating func handle(_ packet: [UInt8], from: TransportAddress, to: TransportAddress, now: RTCInstant) {
        if let relay = relays.firstIndex(where: { $0.client.connection == nil && $0.client.server == from && $0.client.local == to }) {
            if relays[relay].client.handle(packet, now: now) {
                drainRelay(relay, now: now)
                return
            }
        }
        guard !isClosed else { return }
        // A relay-only agent talks to its TURN servers and nobody else: answering a direct check
        // would reveal the host address the policy is meant to hide.
        guard configuration.transportPolicy == .all else {
            stats.droppedPackets += 1
            return
        }
        guard let localIndex = locals.firstIndex(where: { $0.candidate.type == .host && !$0.retired && $0.base == to }) else {
            stats.droppedPackets += 1
            return
        }
        handleDatagram(packet, from: from, localIndex: localIndex, now: now)
    }

    /// A datagram received on a local candidate (a host socket, or a relay via its TURN client).
    mutating func handleDatagram(_ packet: [UInt8], from: TransportAddress, localIndex: Int, now: RTCInstant) {
        guard PacketKind(classifying: packet) == .stun else {
            handleApplicationData(packet, from: from, localIndex: localIndex, now: now)
            return
        }
        guard let message = try? STUNMessage.decode(packet) else {
            stats.droppedPackets += 1
            return
        }
        switch message.type.messageClass {
        case .request where message.type.method == .binding:
            handleCheckRequest(message, raw: packet, from: from, localIndex: localIndex, now: now)
        case .successResponse, .errorResponse:
            if let gather = gatherings[message.transactionID] {
                handleGatherResponse(message, gather: gather)
            } else if let check = checks[message.transactionID] {
                handleCheckResponse(message, raw: packet, from: from, localIndex: localIndex, check: check, now: now)
            } else {
                stats.droppedPackets += 1
            }
        case .indication:
            break  // RFC 8445 §11: Binding indications are keepalives; nothing to do.
        default:
            stats.droppedPackets += 1
        }
        updateConnectionState()
    }

    /// RFC 8445 §7.3: answers an authenticated Binding request and runs the triggered-check logic.
    mutating func handleCheckRequest(_ message: STUNMessage, raw: [UInt8], from: TransportAddress, localIndex: Int, now: RTCInstant) {
        // RFC 8489 §9.1.3: without USERNAME and MESSAGE-INTEGRITY the request is not authenticated.
        // We send nothing back at all, so a scanner learns nothing from us.
        guard let username = message.username, message.hasIntegrity,
              let ufrag = username.split(separator: ":", maxSplits: 1).first.map(String.init) else {
            stats.unauthenticatedRequests += 1
            return
        }
        let credentials: ICECredentials
        if ufrag == localCredentials.ufrag {
            credentials = localCredentials
        } else if let previous = previousLocalCredentials, ufrag == previous.ufrag {
            credentials = previous
        } else {
            stats.unauthenticatedRequests += 1
            return
        }
        let key = STUNIntegrityKey.shortTerm(password: credentials.pwd)
        guard STUNMessage.checkIntegrity(of: raw, key: key) == .valid else {
            stats.badIntegrityMessages += 1
            return
        }
        noteTrafficFromSelected(localIndex: localIndex, from: from, now: now)
        let unknown = message.unknownComprehensionRequired
        guard unknown.isEmpty else {
            // RFC 8489 §6.3.1.1: 420 with UNKNOWN-ATTRIBUTES listing what we did not understand.
            respond(to: message, key: key, from: from, localIndex: localIndex,
                    attributes: [.errorCode(.unknownAttribute), .unknownAttributes(unknown)], error: true, now: now)
            stats.unknownAttributeResponses += 1
            return
        }
        guard credentials == localCredentials else {
            // Old-generation credentials during a restart: keep the old pair's consent alive, nothing more.
            respond(to: message, key: key, from: from, localIndex: localIndex, attributes: [.xorMappedAddress(from)], now: now)
            return
        }
        if !resolveRoleConflict(message, key: key, from: from, localIndex: localIndex, now: now) { return }
        let remote = rememberRemote(from, priority: message.priority)
        respond(to: message, key: key, from: from, localIndex: localIndex, attributes: [.xorMappedAddress(from)], now: now)
        stats.requestsAnswered += 1
        guard let remote, let index = addPair(localIndex: localIndex, remote: remote) else { return }
        checklist[index].receivedCheck = true
        // §7.3.1.4: triggered check unless the pair already succeeded or is being checked.
        switch checklist[index].state {
        case .succeeded:
            break
        case .inProgress:
            // "the agent cancels the In-Progress transaction ... [and] MUST enqueue the pair in the
            // triggered checklist": a fresh transaction, with a fresh retransmission budget.
            let pairID = checklist[index].id
            let ongoing = checks.filter { $0.value.pairID == pairID && $0.value.kind == .check && !$0.value.useCandidate }
            guard !ongoing.isEmpty else { break }
            for id in ongoing.keys { checks[id]?.cancelled = true }
            enqueueTriggered(pairID, useCandidate: false)
        case .waiting, .frozen, .failed:
            checklist[index].state = .waiting
            enqueueTriggered(checklist[index].id, useCandidate: false)
        }
        // §7.3.1.5: the controlled agent nominates on USE-CANDIDATE once the pair is valid.
        if role == .controlled && message.hasUseCandidate {
            if checklist[index].state == .succeeded {
                nominatePair(index, now: now)
            } else {
                checklist[index].nominateOnSuccess = true
            }
        }
    }

    /// RFC 8445 §7.3.1.1. Returns `false` when a 487 was sent and processing stops.
    mutating func resolveRoleConflict(_ message: STUNMessage, key: STUNIntegrityKey, from: TransportAddress,
                                      localIndex: Int, now: RTCInstant) -> Bool {
        if role == .controlling, let theirs = message.iceControlling {
            // "If the agent's tiebreaker value is larger than or equal to the contents of the
            // ICE-CONTROLLING attribute, the agent generates a Binding error response ... 487".
            if tieBreaker >= theirs {
                respond(to: message, key: key, from: from, localIndex: localIndex,
                        attributes: [.errorCode(.roleConflict)], error: true, now: now)
                stats.roleConflictResponses += 1
                return false
            }
            switchRole(to: .controlled)
        } else if role == .controlled, let theirs = message.iceControlled {
            if tieBreaker >= theirs {
                switchRole(to: .controlling)
            } else {
                respond(to: message, key: key, from: from, localIndex: localIndex,
                        attributes: [.errorCode(.roleConflict)], error: true, now: now)
                stats.roleConflictResponses += 1
                return false
            }
        }
        return true
    }

    /// RFC 8445 §7.3.1.3: a request from an unknown address teaches a peer-reflexive remote candidate.
    mutating func rememberRemote(_ address: TransportAddress, priority: UInt32?) -> Candidate? {
        if let known = remotes.first(where: { $0.address == address }) { return known }
        guard remotes.count < configuration.maxRemoteCandidates else { return nil }
        prflxCounter += 1
        let candidate = Candidate(foundation: "prflx\(prflxCounter)",
                                  priority: priority ?? Candidate.priority(type: .peerReflexive, localPreference: 65535),
                                  address: address, type: .peerReflexive)
        remotes.append(candidate)
        events.append(.remotePeerReflexiveCandidate(candidate))
        pairNewRemote(remotes.count - 1)
        return candidate
    }

    mutating func respond(to request: STUNMessage, key: STUNIntegrityKey, from: TransportAddress, localIndex: Int,
                          attributes: [STUNAttribute], error: Bool = false, now: RTCInstant) {
        var all = attributes
        if let software = configuration.software { all.insert(.software(software), at: 0) }
        let response = STUNMessage(type: error ? .bindingError : .bindingSuccess, transactionID: request.transactionID,
                                   attributes: all)
        sendOnLocal(localIndex, to: from, payload: response.encode(key: key, fingerprint: true), now: now)
    }
}
