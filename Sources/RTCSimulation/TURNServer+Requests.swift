import ICE
import STUN
import RTCBase

extension TURNServer {
    mutating func handleSTUN(_ message: STUNMessage, raw: [UInt8], from: TransportAddress, now: RTCInstant) {
        if message.type == STUNMessageType(method: .send, class: .indication) {
            guard let allocation = allocations[from], let peer = message.peerAddress, let data = message.data else { return }
            guard allocation.permissions[peer.ip] != nil else { stats.permissionDrops += 1; return }
            stats.sendIndications += 1
            transmits.append(Transmit(source: allocation.relayed, destination: peer, payload: data))
            return
        }
        guard message.type.messageClass == .request else { return }
        if let cached = responseCache[message.transactionID], cached.destination == from {
            // RFC 8489 §6.3.1: a retransmitted request gets the same response; re-running an
            // Allocate would answer 437 for the allocation the lost response created.
            transmits.append(cached)
            return
        }
        if message.type.method == .binding {
            // A TURN server is also a STUN server (RFC 8656 §3): answer Binding without credentials.
            stats.bindings += 1
            reply(message, to: from, key: nil, [.xorMappedAddress(from)])
            return
        }
        // RFC 8656 §7.2 / RFC 8489 §9.2.4: challenge, then check nonce and integrity.
        guard let username = message.username, message.hasIntegrity, let password = users[username] else {
            stats.unauthorized += 1
            reply(message, to: from, key: nil, [.errorCode(.unauthenticated), .realm(realm), .nonce(nonce)], error: true)
            return
        }
        let key = STUNIntegrityKey.longTerm(username: username, realm: realm, password: password)
        guard STUNMessage.checkIntegrity(of: raw, key: key) == .valid else {
            stats.unauthorized += 1
            reply(message, to: from, key: nil, [.errorCode(.unauthenticated), .realm(realm), .nonce(nonce)], error: true)
            return
        }
        guard message.nonce == nonce else {
            stats.staleNonces += 1
            reply(message, to: from, key: key, [.errorCode(.staleNonce), .realm(realm), .nonce(nonce)], error: true)
            return
        }
        switch message.type.method {
        case .allocate: allocate(message, from: from, key: key, now: now)
        case .refresh: refresh(message, from: from, key: key, now: now)
        case .createPermission: createPermission(message, from: from, key: key, now: now)
        case .channelBind: channelBind(message, from: from, key: key, now: now)
        default: reply(message, to: from, key: key, [.errorCode(.badRequest)], error: true)
        }
    }

    private mutating func allocate(_ message: STUNMessage, from: TransportAddress, key: STUNIntegrityKey, now: RTCInstant) {
        guard allocations[from] == nil else {
            reply(message, to: from, key: key, [.errorCode(.allocationMismatch)], error: true)
            return
        }
        guard message.attributes.contains(.requestedTransport(17)) else {
            reply(message, to: from, key: key, [.errorCode(.unsupportedTransport)], error: true)
            return
        }
        let lifetime = min(message.lifetime ?? 600, 3600)
        let relayed = TransportAddress(ip: relayIP, port: nextPort)
        nextPort += 1
        allocations[from] = Allocation(relayed: relayed, key: key, expires: now + .seconds(Int64(lifetime)))
        clientByRelay[relayed] = from
        stats.allocations += 1
        reply(message, to: from, key: key, [.xorRelayedAddress(relayed), .xorMappedAddress(from), .lifetime(lifetime)])
    }

    private mutating func refresh(_ message: STUNMessage, from: TransportAddress, key: STUNIntegrityKey, now: RTCInstant) {
        guard let allocation = allocations[from] else {
            reply(message, to: from, key: key, [.errorCode(.allocationMismatch)], error: true)
            return
        }
        let lifetime = min(message.lifetime ?? 600, 3600)
        if lifetime == 0 {
            allocations[from] = nil
            clientByRelay[allocation.relayed] = nil
            stats.deallocations += 1
        } else {
            allocations[from]?.expires = now + .seconds(Int64(lifetime))
            stats.refreshes += 1
        }
        reply(message, to: from, key: key, [.lifetime(lifetime)])
    }

    private mutating func createPermission(_ message: STUNMessage, from: TransportAddress, key: STUNIntegrityKey, now: RTCInstant) {
        let peers = message.attributes.compactMap { attribute -> TransportAddress? in
            if case .xorPeerAddress(let peer) = attribute { return peer }
            return nil
        }
        guard allocations[from] != nil, !peers.isEmpty else {
            reply(message, to: from, key: key, [.errorCode(allocations[from] == nil ? .allocationMismatch : .badRequest)], error: true)
            return
        }
        for peer in peers { allocations[from]?.permissions[peer.ip] = now + .seconds(300) }
        stats.permissions += 1
        reply(message, to: from, key: key, [])
    }

    private mutating func channelBind(_ message: STUNMessage, from: TransportAddress, key: STUNIntegrityKey, now: RTCInstant) {
        guard var allocation = allocations[from], let channel = message.channelNumber, let peer = message.peerAddress,
              ChannelData.validChannels.contains(channel),
              allocation.channels[channel] == nil || allocation.channels[channel] == peer,
              allocation.channelByPeer[peer] == nil || allocation.channelByPeer[peer] == channel else {
            reply(message, to: from, key: key, [.errorCode(.badRequest)], error: true)
            return
        }
        allocation.channels[channel] = peer
        allocation.channelByPeer[peer] = channel
        allocation.permissions[peer.ip] = now + .seconds(300)
        allocations[from] = allocation
        stats.channelBinds += 1
        reply(message, to: from, key: key, [])
    }

    private mutating func reply(_ request: STUNMessage, to client: TransportAddress, key: STUNIntegrityKey?,
                                _ attributes: [STUNAttribute], error: Bool = false) {
        let response = STUNMessage(type: .init(method: request.type.method, class: error ? .errorResponse : .successResponse),
                                   transactionID: request.transactionID, attributes: attributes)
        let transmit = Transmit(source: address, destination: client, payload: response.encode(key: key, fingerprint: true))
        transmits.append(transmit)
        if responseCache.count >= 1024 { responseCache.removeAll() }
        responseCache[request.transactionID] = transmit
    }
}
