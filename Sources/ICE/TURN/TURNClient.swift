import STUN
public import RTCBase
import DequeModule

/// A TURN client for one allocation over UDP, TCP or TLS (RFC 8656), sans-IO.
///
/// It talks only to its server: from one local socket over UDP, or on one TCP/TLS connection of its
/// own (``connection``; every ``Transmit`` then names it). Feed it every datagram that arrives from
/// the server with ``handle(_:now:)``, or every read of its connection with
/// ``handle(streamBytes:now:)`` and the connection's end with ``handleConnectionClosed(reason:now:)``, call ``handleTimeout(now:)`` at ``pollTimeout()``, and drain
/// ``pollTransmit()`` and ``pollEvent()`` after each call. ``send(_:to:now:)`` relays application
/// data to a peer, installing a permission and binding a channel on first use.
public struct TURNClient: Sendable {
    /// Where the allocation stands.
    public enum State: Hashable, Sendable {
        /// Allocate sent, waiting (possibly after a 401 challenge).
        case allocating
        /// The allocation exists until its refresh fails or it is closed.
        case allocated(relayed: TransportAddress)
        /// Allocation failed.
        case failed
        /// Refresh(0) sent.
        case closing
        /// Released.
        case closed
    }

    /// The TURN server's address.
    public let server: TransportAddress
    /// The local socket used to reach the server.
    public let local: TransportAddress
    /// Current state.
    public internal(set) var state: State = .allocating
    /// The server-reflexive address reported in the Allocate response.
    public internal(set) var mappedAddress: TransportAddress?
    /// Application datagrams relayed as ChannelData frames.
    public internal(set) var channelDataSent = 0
    /// Application datagrams relayed in Send indications.
    public internal(set) var sendIndicationsSent = 0
    /// Responses discarded because, once the long-term key was known, their MESSAGE-INTEGRITY was
    /// missing, malformed or did not verify (RFC 8489 §9.2.5; see ``TURNEvent/responseDiscarded(request:reason:)``).
    public internal(set) var badIntegrityResponses = 0
    /// Messages on the connection that were neither a response to a request in flight nor data.
    public internal(set) var unexpectedMessages = 0
    /// The TCP/TLS connection carrying this allocation; `nil` over UDP.
    public let connection: RelayConnection?
    /// How the client reaches its server.
    public var transport: TURNTransport { connection?.transport ?? .udp }

    let username: String
    let password: String
    let requestedLifetime: UInt32
    let software: String?
    var realm: String?
    var nonce: String?
    var key: STUNIntegrityKey?
    var random: AnyRandom
    var transactions: [TransactionID: Pending] = [:]
    var permissions: [IPAddress: Permission] = [:]
    var channels: [TransportAddress: Channel] = [:]
    var channelPeers: [UInt16: TransportAddress] = [:]
    var nextChannel: UInt16 = 0x4000
    var refreshAt: RTCInstant?
    var expiresAt: RTCInstant?
    var transmits = Deque<Transmit>()
    var events = Deque<TURNEvent>()
    var framer = StreamFramer()

    /// What an outstanding request was for.
    enum Purpose: Hashable, Sendable {
        case allocate
        case refresh(lifetime: UInt32)
        case createPermission(IPAddress)
        case channelBind(peer: TransportAddress, channel: UInt16)

        /// The request as events and diagnostics name it.
        var name: String {
            switch self {
            case .allocate: "Allocate"
            case .refresh(let lifetime): "Refresh (lifetime \(lifetime))"
            case .createPermission(let ip): "CreatePermission for \(ip)"
            case .channelBind(let peer, _): "ChannelBind for \(peer)"
            }
        }
    }

    struct Pending: Sendable {
        var transaction: STUNTransaction
        var message: STUNMessage
        var purpose: Purpose
        var attempts: Int
        /// A response to it was discarded for its integrity (RFC 8489 §9.2.5): if none is
        /// accepted, it fails as "integrity protection violated", not as a timeout.
        var integrityViolated = false
    }

    /// How long after a failed CreatePermission it is asked again.
    static let permissionRetry: Duration = .seconds(5)

    struct Permission: Sendable {
        var installed = false
        var pending = false
        var refreshAt: RTCInstant?
        var queued: [(peer: TransportAddress, data: [UInt8])] = []
        /// Data went to or came from this address since the permission was last installed: only
        /// then is it refreshed (each ICE restart brings up to 64 new addresses; kept for good,
        /// they were refreshed, and walked on every timeout, until the allocation ended).
        var used = true
        /// CreatePermission requests refused or unanswered in a row.
        var failures = 0
    }

    struct Channel: Sendable {
        var number: UInt16
        var bound = false
        var pending = false
        var refreshAt: RTCInstant?
        /// As ``Permission/used``.
        var used = true
        /// Idle at its refresh, so not refreshed: the server's binding runs out, but the number
        /// stays this peer's (RFC 8656 §12 lets a peer have only one), bound again on the next send.
        var lapsed = false
    }

    /// A permission refused this many times in a row is dropped, not asked for again by the
    /// timer; the next datagram to that address asks anew.
    static let permissionAttempts = 3

    /// RFC 8656 §9: permissions last 300 s; refreshing at 240 s leaves room for a lost request.
    static let permissionRefresh = Duration.seconds(240)
    /// RFC 8656 §12: bindings last 10 minutes; rebinding at 5 leaves ample margin.
    static let channelRefresh = Duration.seconds(300)
    /// Datagrams held per peer while its permission is being installed.
    static let maxQueuedPerPeer = 32

    /// Creates the client and sends the first (unauthenticated) Allocate request.
    ///
    /// RFC 8656 §7.1: the first Allocate carries no credentials; the server's 401 brings REALM and
    /// NONCE, and the retry is signed with the long-term key.
    ///
    /// - Parameter connection: the TCP/TLS connection to use, whose `local` and `server` must be
    ///   the ones given here; `nil` for UDP.
    public init(server: TransportAddress, local: TransportAddress, username: String, password: String,
                lifetime: UInt32 = 600, software: String? = nil, connection: RelayConnection? = nil,
                random: some RandomNumberGenerator & Sendable, now: RTCInstant) {
        precondition(connection.map { $0.transport.isStream && $0.server == server && $0.local == local } ?? true,
                     "a relay connection must be TCP or TLS between the client's own addresses")
        self.server = server
        self.local = local
        self.connection = connection
        self.username = username
        self.password = password
        self.requestedLifetime = lifetime
        self.software = software
        self.random = AnyRandom(random)
        var attributes: [STUNAttribute] = [.requestedTransport(17), .lifetime(lifetime)]
        if let software { attributes.append(.software(software)) }
        startRequest(STUNMessage(type: .init(method: .allocate, class: .request), transactionID: TransactionID(high: 0, low: 0),
                                 attributes: attributes), purpose: .allocate, now: now)
    }

    /// The relayed transport address once allocated.
    public var relayedAddress: TransportAddress? {
        if case .allocated(let relayed) = state { return relayed }
        return nil
    }

    /// Whether the TCP/TLS connection is still needed: from the first Allocate until the
    /// allocation is released, fails or expires. The driver closes it afterwards.
    public var isConnectionWanted: Bool {
        switch state {
        case .allocating, .allocated, .closing: connection != nil
        case .failed, .closed: false
        }
    }

    /// The next datagram (or stream frame) to send to the server.
    public mutating func pollTransmit() -> Transmit? { transmits.popFirst() }

    /// The next event.
    public mutating func pollEvent() -> TURNEvent? { events.popFirst() }

    /// When ``handleTimeout(now:)`` must next run.
    public func pollTimeout() -> RTCInstant? {
        var earliest: RTCInstant?
        func consider(_ instant: RTCInstant?) {
            guard let instant else { return }
            earliest = min(earliest ?? instant, instant)
        }
        for pending in transactions.values { consider(pending.transaction.pollTimeout()) }
        guard case .allocated = state else { return earliest }
        consider(refreshAt)
        consider(expiresAt)
        for permission in permissions.values { consider(permission.refreshAt) }
        for channel in channels.values { consider(channel.refreshAt) }
        return earliest
    }
}
