import STUN
public import RTCBase

extension TURNClient {
    /// Relays `data` to `peer` through the allocation.
    ///
    /// Uses ChannelData once a channel is bound (4 bytes of overhead), a Send indication while a
    /// permission exists, and otherwise queues the datagram while CreatePermission is in flight.
    /// Returns `false` if there is no allocation.
    @discardableResult
    public mutating func send(_ data: [UInt8], to peer: TransportAddress, now: RTCInstant) -> Bool {
        guard case .allocated = state else { return false }
        // A permission of its own even when a channel carries the data: one that lapsed while
        // the channel stayed bound would leave only the channel's refresh (every 300 s, exactly
        // the permission's lifetime) keeping the server's permission up.
        if permissions[peer.ip] == nil { ensurePermission(peer.ip, now: now) } else { permissions[peer.ip]?.used = true }
        channels[peer]?.used = true
        if let channel = channels[peer], channel.bound {
            emit(ChannelData(channel: channel.number, data: data).encode(padded: transport.isStream))
            channelDataSent += 1
            return true
        }
        ensureChannel(peer, now: now)
        guard permissions[peer.ip]?.installed == true else {
            if (permissions[peer.ip]?.queued.count ?? 0) < Self.maxQueuedPerPeer {
                permissions[peer.ip]?.queued.append((peer, data))
            }
            return true
        }
        // RFC 8656 §11.1: Send indication with XOR-PEER-ADDRESS and DATA, no authentication.
        let indication = STUNMessage(type: .init(method: .send, class: .indication),
                                     transactionID: .random(using: &random),
                                     attributes: [.xorPeerAddress(peer), .data(data)])
        emit(indication.encode(fingerprint: true))
        sendIndicationsSent += 1
        return true
    }

    /// Installs (or keeps) a permission for `ip` (RFC 8656 §9), refreshed every 4 minutes.
    public mutating func ensurePermission(_ ip: IPAddress, now: RTCInstant) {
        guard case .allocated = state, permissions[ip] == nil else { return }
        permissions[ip] = Permission()
        requestPermission(ip, now: now)
    }

    /// Binds a channel to `peer` (RFC 8656 §12) unless one is bound or pending.
    public mutating func ensureChannel(_ peer: TransportAddress, now: RTCInstant) {
        guard case .allocated = state else { return }
        if let channel = channels[peer] {
            // Lapsed while idle: the same number again (the peer's only one).
            guard channel.lapsed else { return }
            channels[peer]?.lapsed = false
            channels[peer]?.used = true
            requestChannel(peer, number: channel.number, now: now)
            return
        }
        guard nextChannel <= ChannelData.validChannels.upperBound else { return }
        let number = nextChannel
        nextChannel += 1
        channels[peer] = Channel(number: number)
        // We chose the number, so inbound ChannelData on it is unambiguous even before the
        // ChannelBind response arrives (the server starts using the channel when it binds it).
        channelPeers[number] = peer
        requestChannel(peer, number: number, now: now)
    }

    mutating func requestPermission(_ ip: IPAddress, now: RTCInstant) {
        permissions[ip]?.pending = true
        // The port of XOR-PEER-ADDRESS is ignored by the server (RFC 8656 §9).
        startRequest(STUNMessage(type: .init(method: .createPermission, class: .request), transactionID: TransactionID(high: 0, low: 0),
                                 attributes: [.xorPeerAddress(TransportAddress(ip: ip, port: 0))]),
                     purpose: .createPermission(ip), now: now)
    }

    mutating func requestChannel(_ peer: TransportAddress, number: UInt16, now: RTCInstant) {
        channels[peer]?.pending = true
        startRequest(STUNMessage(type: .init(method: .channelBind, class: .request), transactionID: TransactionID(high: 0, low: 0),
                                 attributes: [.channelNumber(number), .xorPeerAddress(peer)]),
                     purpose: .channelBind(peer: peer, channel: number), now: now)
    }

    /// Releases the allocation: RFC 8656 §7.2 "a Refresh request with a LIFETIME of zero".
    public mutating func close(now: RTCInstant) {
        switch state {
        case .allocated:
            state = .closing
            transactions = [:]
            startRequest(STUNMessage(type: .init(method: .refresh, class: .request), transactionID: TransactionID(high: 0, low: 0),
                                     attributes: [.lifetime(0)]), purpose: .refresh(lifetime: 0), now: now)
        case .allocating:
            transactions = [:]
            finishClose()
        case .failed, .closing, .closed:
            break
        }
    }
}
