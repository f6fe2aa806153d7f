import DCEP
public import DTLS
public import ICE
import SCTP
import SDP
public import RTCBase
import DequeModule

/// The sans-IO peer connection: ICE, DTLS, SCTP and the data-channel table composed behind the
/// W3C names, with no sockets and no clock.
///
/// Like every core in this package: feed it with ``handle(datagram:from:to:now:)``,
/// ``handleTimeout(now:)`` and the API calls, then drain ``pollTransmit()`` and ``pollEvent()``
/// until empty and call again at ``pollTimeout()``. ``PeerConnection`` does exactly that over
/// real UDP sockets; tests do it over ``RTCTestSupport/SimulatedNetwork`` with a virtual clock.
///
/// Data flows down as data channel → SCTP → DTLS → ICE selected pair, and up the same way.
/// Not `Sendable`: it owns the DTLS and SCTP objects (C state); one owner at a time.
public final class PeerConnectionCore {
    /// What this connection was created with.
    public let configuration: PeerConnectionConfiguration
    /// Our DTLS certificate; its fingerprint goes into every description we produce.
    public let certificate: DTLSCertificate
    /// Our ICE ufrag and password; new ones after each ICE restart.
    public internal(set) var localCredentials: ICECredentials
    /// W3C `signalingState`.
    public internal(set) var signalingState: PeerSignalingState = .stable
    /// W3C `connectionState`.
    public internal(set) var connectionState: PeerConnectionState = .new
    /// W3C `iceConnectionState`.
    public internal(set) var iceConnectionState: ICEConnectionState = .new
    /// W3C `iceGatheringState`.
    public internal(set) var iceGatheringState: ICEGatheringState = .new
    /// W3C `remoteDescription`.
    public internal(set) var remoteDescription: RTCSessionDescription?
    /// Why the connection failed, when it did.
    public internal(set) var failureReason: String?

    /// The bound socket addresses; set before the first description (the driver binds first).
    public var hostAddresses: [TransportAddress]
    /// Called, from whatever thread runs SCTP's global timers, when SCTP queued packets for this
    /// connection outside a call on it; the owner then calls ``flushForeignOutput(now:)``.
    public var onForeignOutput: (@Sendable () -> Void)?
    var random: AnyRandom
    var agent: ICEAgent?
    var gatheringStarted = false
    /// Our credentials were drawn for an ICE restart we started and no remote description has
    /// answered it yet: a restart offer crossing ours needs no second set.
    var restartPending = false
    var dtls: DTLSEndpoint?
    var dtlsStarted = false
    var dtlsConnected = false
    var sctp: SCTPAssociation?
    var sctpConnected = false
    var remoteSession: WebRTCDataSession?
    var localKind: DataChannelSDPBuilder.Kind?
    var dtlsRole: DTLSRole?
    var remoteMaxMessageSize = 65_535
    var earlyDTLS: [[UInt8]] = []
    /// `dtls` is a server started on the peer's ClientHello before its answer said who is client.
    var dtlsStartedEarly = false
    var isClosed = false
    let sessionID: UInt64
    var sessionVersion: UInt64 = 0

    var channels: [DataChannelHandle: ChannelRecord] = [:]
    var streamToHandle: [UInt16: DataChannelHandle] = [:]
    var queuedChannels: [DataChannelHandle] = []
    var nextHandle = 0
    var closedChannelStats = DataChannelStats()

    var events = Deque<PeerConnectionEvent>()
    /// DTLS outputs of this turn, held until the driver polls transmits (see ``sendRecords()``).
    var outgoingRecords: [[UInt8]] = []
    /// The instant the held records were produced at, for the ICE agent's send.
    var outgoingRecordsAt: RTCInstant?
    var counters = PeerConnectionCounters()

    /// Creates a connection; nothing happens until a description is set.
    ///
    /// - Parameters:
    ///   - hostAddresses: the sockets the driver has bound, one host candidate each.
    ///   - certificate: the DTLS certificate (``PeerConnectionConfiguration/certificate`` or a new one).
    ///   - random: the only source of randomness (ICE credentials, tie-breaker, session id).
    ///   - iceServers: STUN and TURN servers already resolved to addresses (the core cannot look
    ///     names up, so ``PeerConnectionConfiguration/iceServers`` URLs are not used here).
    ///   - ice: the agent's timers and limits; its addresses and servers are filled in from the rest.
    public init(configuration: PeerConnectionConfiguration, hostAddresses: [TransportAddress],
                certificate: DTLSCertificate, random: some RandomNumberGenerator & Sendable,
                iceServers: [ICEServer] = [], ice: ICEConfiguration? = nil) {
        var random = AnyRandom(random)
        var configuration = configuration
        configuration.resolvedIceServers += iceServers
        if let ice { configuration.ice = ice }
        self.configuration = configuration
        self.hostAddresses = hostAddresses
        self.certificate = certificate
        self.localCredentials = ICECredentials.random(using: &random)
        // RFC 8829 §5.2.1: sess-id "MUST be representable by a 64-bit signed integer".
        self.sessionID = random.next() >> 2
        self.random = random
    }

    /// The next datagram (or TURN stream frame, when its `connection` is set) to put on the wire.
    public func pollTransmit() -> Transmit? {
        if !outgoingRecords.isEmpty { sendRecords() }
        return agent?.pollTransmit()
    }

    /// The next event.
    public func pollEvent() -> PeerConnectionEvent? {
        events.popFirst()
    }

    /// When to call ``handleTimeout(now:)`` next; `nil` when nothing is pending.
    public func pollTimeout() -> RTCInstant? {
        // `nextTimeout`, not `pollTimeout`: see there. No array: this runs after every input.
        var earliest = agent?.nextTimeout()
        guard !isClosed else { return earliest }
        if let deadline = dtls?.pollTimeout() { earliest = min(earliest ?? deadline, deadline) }
        if let deadline = sctp?.pollTimeout() { earliest = min(earliest ?? deadline, deadline) }
        return earliest
    }

    /// One datagram that arrived on the socket bound to `to`.
    public func handle(datagram: [UInt8], from: TransportAddress, to: TransportAddress, now: RTCInstant) {
        // Optional chaining works on the agent in place; `agent != nil` would copy it (see `nextTimeout`).
        guard agent?.handle(datagram, from: from, to: to, now: now) != nil else { return }
        pump(now: now)
    }

    /// Bytes read from a TURN server's TCP/TLS connection (see ``relayConnections``).
    public func handle(streamBytes: [UInt8], on connection: RelayConnection, now: RTCInstant) {
        guard agent?.handle(streamBytes: streamBytes, on: connection, now: now) != nil else { return }
        pump(now: now)
    }

    /// A TURN server's TCP/TLS connection ended or could not be opened: its allocation fails.
    public func handleConnectionClosed(_ connection: RelayConnection, reason: String, now: RTCInstant) {
        guard agent?.handleConnectionClosed(connection, reason: reason, now: now) != nil else { return }
        pump(now: now)
    }

    /// The TCP/TLS connections to TURN servers the ICE agent needs: the driver opens each on the
    /// first ``Transmit`` that names it and closes those no longer listed.
    public var relayConnections: [RelayConnection] { agent?.relayConnections ?? [] }

    /// Runs whichever timers are due.
    public func handleTimeout(now: RTCInstant) {
        if let due = agent?.nextTimeout(), due <= now { agent?.handleTimeout(now: now) }
        if !isClosed {
            if let dtls, let due = dtls.pollTimeout(), due <= now { dtls.handleTimeout(now: now) }
            if let sctp, let due = sctp.pollTimeout(), due <= now { sctp.handleTimeout(now: now) }
        }
        pump(now: now)
    }

    /// The SCTP stack produced packets outside a call on this core (its timers are global);
    /// the owner calls this, on its own thread, to move them on.
    public func flushForeignOutput(now: RTCInstant) {
        pump(now: now)
    }

    /// W3C `close()`: channels close, SCTP shuts down, DTLS sends close_notify, ICE releases
    /// TURN allocations. The last datagrams are still in ``pollTransmit()``.
    public func close(now: RTCInstant) {
        guard !isClosed else { return }
        for handle in channels.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            finishChannel(handle)
        }
        sctp?.close(now: now)
        pump(now: now)
        dtls?.close(now: now)
        pump(now: now)
        // close_notify and the last SCTP packets go to the agent before it closes.
        sendRecords()
        isClosed = true
        agent?.close(now: now)
        while agent?.pollEvent() != nil {}
        setSignalingState(.closed)
        iceConnectionState = .closed
        setConnectionState(.closed)
    }

    /// Counters for the whole connection and its channels.
    public var stats: PeerConnectionStats {
        var perChannel: [DataChannelHandle: DataChannelStats] = [:]
        for (handle, record) in channels { perChannel[handle] = record.stats }
        return PeerConnectionStats(
            selectedCandidatePair: agent?.selectedPair,
            channels: perChannel,
            closedChannels: closedChannelStats,
            counters: counters,
            ice: agent?.stats,
            sctpBufferedAmount: sctp?.bufferedAmount ?? 0,
            roundTripTime: agent?.roundTripTime)
    }

    /// The state of a channel, `closed` once it is gone.
    public func channelState(_ handle: DataChannelHandle) -> DataChannelState {
        channels[handle]?.state ?? .closed
    }

    /// The largest message the remote accepts (its `a=max-message-size`, 65,535 when absent).
    public var maxMessageSize: Int { remoteMaxMessageSize }
}
