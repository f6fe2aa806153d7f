public import ICE
import STUN
public import RTCBase

/// A small in-memory TURN server (RFC 8656, UDP) for tests, sans-IO like the cores it serves.
///
/// Supports Allocate with the 401 REALM/NONCE challenge and long-term credentials, 438 Stale Nonce
/// (when ``nonceLifetime`` is set), Refresh (LIFETIME 0 deletes), CreatePermission, ChannelBind,
/// Send and Data indications and ChannelData in both directions. Counters show what went through it.
public struct TURNServer: Sendable {
    /// Counters of relayed traffic and protocol outcomes.
    public struct Stats: Hashable, Sendable {
        /// Binding requests answered (plain STUN).
        public var bindings = 0
        /// Successful allocations.
        public var allocations = 0
        /// Allocations deleted by Refresh(0).
        public var deallocations = 0
        /// Successful Refresh requests with a non-zero lifetime.
        public var refreshes = 0
        /// 401 answers (challenge or bad credentials).
        public var unauthorized = 0
        /// 438 answers.
        public var staleNonces = 0
        /// Permissions installed or refreshed.
        public var permissions = 0
        /// Channels bound or refreshed.
        public var channelBinds = 0
        /// Client-to-peer datagrams relayed from ChannelData.
        public var channelDataFromClients = 0
        /// Client-to-peer datagrams relayed from Send indications.
        public var sendIndications = 0
        /// Peer-to-client datagrams delivered as ChannelData.
        public var channelDataToClients = 0
        /// Peer-to-client datagrams delivered as Data indications.
        public var dataIndications = 0
        /// Datagrams dropped for lack of a permission.
        public var permissionDrops = 0
    }

    struct Allocation: Sendable {
        var relayed: TransportAddress
        var key: STUNIntegrityKey
        var expires: RTCInstant
        var permissions: [IPAddress: RTCInstant] = [:]
        var channels: [UInt16: TransportAddress] = [:]
        var channelByPeer: [TransportAddress: UInt16] = [:]
    }

    /// The server's listening address.
    public let address: TransportAddress
    /// The realm sent in challenges.
    public let realm: String
    /// Accepted username/password pairs.
    public var users: [String: String]
    /// The IP relayed addresses are allocated on.
    public let relayIP: IPAddress
    /// Rotate the nonce this often (answering 438 to the old one); `nil` keeps one nonce forever.
    public var nonceLifetime: Duration?
    /// Counters.
    public internal(set) var stats = Stats()

    var nonce = "nonce-1"
    var nonceCounter = 1
    var nonceIssuedAt: RTCInstant?
    var nextPort: UInt16 = 50000
    var allocations: [TransportAddress: Allocation] = [:]
    var clientByRelay: [TransportAddress: TransportAddress] = [:]
    var transmits: [Transmit] = []
    var responseCache: [TransactionID: Transmit] = [:]

    /// Creates a server listening on `address`, relaying from `relayIP`.
    public init(address: TransportAddress, relayIP: IPAddress? = nil, realm: String = "example.org",
                users: [String: String], nonceLifetime: Duration? = nil) {
        self.address = address
        self.relayIP = relayIP ?? address.ip
        self.realm = realm
        self.users = users
        self.nonceLifetime = nonceLifetime
    }

    /// Whether datagrams to `destination` belong to this server (its own or a relayed address).
    public func owns(_ destination: TransportAddress) -> Bool {
        destination == address || clientByRelay[destination] != nil
    }

    /// The relayed addresses currently allocated.
    public var relayedAddresses: [TransportAddress] { allocations.values.map(\.relayed).sorted() }

    /// The next datagram to put on the network.
    public mutating func pollTransmit() -> Transmit? {
        transmits.isEmpty ? nil : transmits.removeFirst()
    }

    /// The earliest allocation expiry.
    public func pollTimeout() -> RTCInstant? {
        allocations.values.map(\.expires).min()
    }

    /// Deletes expired allocations.
    public mutating func handleTimeout(now: RTCInstant) {
        for (client, allocation) in allocations where allocation.expires <= now {
            allocations[client] = nil
            clientByRelay[allocation.relayed] = nil
        }
    }

    /// Handles a datagram addressed to the server or to one of its relayed addresses.
    public mutating func handle(_ packet: [UInt8], from: TransportAddress, to: TransportAddress, now: RTCInstant) {
        rotateNonce(now: now)
        if to != address {
            relayFromPeer(packet, from: from, to: to)
        } else if ChannelData.isChannelData(packet) {
            guard let frame = try? ChannelData.decode(packet), let allocation = allocations[from],
                  let peer = allocation.channels[frame.channel] else { return }
            guard allocation.permissions[peer.ip] != nil else { stats.permissionDrops += 1; return }
            stats.channelDataFromClients += 1
            transmits.append(Transmit(source: allocation.relayed, destination: peer, payload: frame.data))
        } else if let message = try? STUNMessage.decode(packet) {
            handleSTUN(message, raw: packet, from: from, now: now)
        }
    }

    private mutating func rotateNonce(now: RTCInstant) {
        guard let nonceLifetime else { return }
        if let issued = nonceIssuedAt, now - issued < nonceLifetime { return }
        if nonceIssuedAt != nil {
            nonceCounter += 1
            nonce = "nonce-\(nonceCounter)"
        }
        nonceIssuedAt = now
    }

    private mutating func relayFromPeer(_ packet: [UInt8], from peer: TransportAddress, to relayed: TransportAddress) {
        guard let client = clientByRelay[relayed], let allocation = allocations[client] else { return }
        // RFC 8656 §9: only peers with a permission may reach the client.
        guard allocation.permissions[peer.ip] != nil else { stats.permissionDrops += 1; return }
        if let channel = allocation.channelByPeer[peer] {
            stats.channelDataToClients += 1
            transmits.append(Transmit(source: address, destination: client,
                                      payload: ChannelData(channel: channel, data: packet).encode()))
        } else {
            stats.dataIndications += 1
            var random = SeededRandom(seed: UInt64(stats.dataIndications))
            let indication = STUNMessage(type: .init(method: .data, class: .indication), transactionID: .random(using: &random),
                                         attributes: [.xorPeerAddress(peer), .data(packet)])
            transmits.append(Transmit(source: address, destination: client, payload: indication.encode(fingerprint: true)))
        }
    }
}
