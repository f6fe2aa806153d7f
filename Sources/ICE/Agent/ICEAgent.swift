import STUN
public import RTCBase
import DequeModule

/// A full ICE agent (RFC 8445) with trickle (RFC 8838) and consent freshness (RFC 7675), sans-IO.
///
/// The agent owns no sockets and reads no clock. The driver binds one UDP socket per address in
/// ``ICEConfiguration/hostAddresses`` and then, after every input:
///
/// 1. feeds datagrams with ``handle(_:from:to:now:)`` and timer expiries with ``handleTimeout(now:)``;
/// 2. drains ``pollTransmit()`` (send each from its `source` socket) and ``pollEvent()``;
/// 3. sleeps until ``pollTimeout()``.
///
/// TURN servers reached over TCP or TLS (``ICEServer/transport``) add a second transport: a
/// ``Transmit`` whose `connection` is set is one frame for that ``RelayConnection`` (the driver opens
/// it on first use), bytes read from it go to ``handle(streamBytes:on:now:)``, its end to
/// ``handleConnectionClosed(_:reason:now:)``, and the driver closes whatever is no longer in
/// ``relayConnections``.
///
/// Signaling is the caller's job: trickle ``ICEEvent/localCandidate(_:)`` to the peer, pass the
/// peer's to ``addRemoteCandidate(_:now:)``, and exchange ``ICECredentials``.
public struct ICEAgent: Sendable {
    /// The configuration given at creation.
    public let configuration: ICEConfiguration
    /// Current role; a role conflict may flip it (``ICEEvent/roleChanged(_:)``).
    public internal(set) var role: ICERole
    /// Our ufrag and password; replaced by ``restart(localCredentials:now:)``.
    public internal(set) var localCredentials: ICECredentials
    /// The peer's ufrag and password, once signaled.
    public internal(set) var remoteCredentials: ICECredentials?
    /// W3C `iceConnectionState`.
    public internal(set) var connectionState: ICEConnectionState = .new
    /// W3C `iceGatheringState`.
    public internal(set) var gatheringState: ICEGatheringState = .new
    /// Counters.
    public internal(set) var stats = ICEStats()
    /// The pair carrying application data, if any. Survives an ICE restart until a new pair is nominated.
    public internal(set) var selectedPair: CandidatePair?
    /// The latest round-trip time of a check or consent request on the selected pair (W3C
    /// `currentRoundTripTime`); only requests answered on their first transmission count, since
    /// a response to a retransmitted request cannot be matched to one send (Karn's rule).
    public internal(set) var roundTripTime: Duration?
    /// Our tie-breaker for role conflicts (RFC 8445 §7.1.3).
    public let tieBreaker: UInt64
    /// The host addresses candidates are gathered on: the configuration's, until a restart
    /// names new ones (``restart(localCredentials:hostAddresses:now:)``).
    public internal(set) var hostAddresses: [TransportAddress]
    /// The STUN and TURN servers gathering asks: the configuration's, until a restart brings new
    /// ones (fresh TURN credentials).
    public internal(set) var servers: [ICEServer]

    var random: AnyRandom
    var locals: [LocalCandidate] = []
    /// Our peer-reflexive candidates learned from this generation's check responses (RFC 8445
    /// §7.2.5.3.1). Kept apart from `locals`, whose indices pairs and relays hold, so that a new
    /// generation can drop them: they form no pairs (their base does) and are never signaled, and
    /// kept for good, a session with many restarts grew by one per NAT mapping seen (audit).
    var localPeerReflexives: [Candidate] = []
    var remotes: [Candidate] = []
    var checklist: [CandidatePair] = []
    var triggered: Deque<TriggeredCheck> = []
    var nextPairID = 0
    var generation = 0
    /// Foundations by type, base, server and transport, of the candidates there are
    /// (``forgetUnusedFoundations()``), and how many were ever handed out, so none repeats.
    var foundations: [String: String] = [:]
    var foundationsMade = 0
    var prflxCounter = 0
    var checks: [TransactionID: CheckTransaction] = [:]
    var gatherings: [TransactionID: GatherTransaction] = [:]
    var relays: [RelaySlot] = []
    var nextConnectionID = 1
    var lastCheckAt: RTCInstant?
    var firstValidAt: RTCInstant?
    var nominatingPairID: Int?
    var checklistDone = false
    var remoteEndOfCandidates = false
    var previousLocalCredentials: ICECredentials?
    var consent: ConsentState?
    var isClosed = false
    var transmits = Deque<Transmit>()
    var heldDatagrams = Deque<[UInt8]>()
    var heldBytes = 0
    var events = Deque<ICEEvent>()

    /// Creates an agent. Nothing is sent until ``startGathering(now:)``.
    ///
    /// - Parameters:
    ///   - role: the initial role (the offerer is usually controlling).
    ///   - localCredentials: our ufrag/pwd; random ones are drawn from `random` when `nil`.
    ///   - random: the only source of randomness (tie-breaker, transaction IDs, credentials, jitter).
    public init(configuration: ICEConfiguration, role: ICERole, localCredentials: ICECredentials? = nil,
                random: some RandomNumberGenerator & Sendable) {
        self.configuration = configuration
        self.role = role
        var random = AnyRandom(random)
        self.tieBreaker = random.next()
        self.localCredentials = localCredentials ?? .random(using: &random)
        self.random = random
        self.hostAddresses = configuration.hostAddresses
        self.servers = configuration.servers
    }

    /// All local candidates, including ones not signaled (peer-reflexive, or host under a relay
    /// policy); not those on addresses a restart removed.
    /// Peer-reflexive ones are those learned in the current generation.
    public var localCandidates: [Candidate] { locals.filter { !$0.retired }.map(\.candidate) + localPeerReflexives }
    /// All remote candidates, signaled and peer-reflexive.
    public var remoteCandidates: [Candidate] { remotes }
    /// The checklist of the current generation.
    public var pairs: [CandidatePair] { checklist }

    /// The next datagram to send from `source`.
    public mutating func pollTransmit() -> Transmit? {
        if let transmit = transmits.popFirst() { return transmit }
        for index in relays.indices {
            if let transmit = relays[index].client.pollTransmit() { return transmit }
        }
        return nil
    }

    /// The next event.
    public mutating func pollEvent() -> ICEEvent? { events.popFirst() }

    /// The TCP/TLS connections to TURN servers the agent needs now (TURN over TCP and TLS). The
    /// driver opens each on its first ``Transmit`` and closes any it holds that is no longer listed.
    public var relayConnections: [RelayConnection] {
        relays.compactMap { $0.client.isConnectionWanted ? $0.client.connection : nil }
    }

    /// Bytes read from a TURN server's TCP/TLS connection; the relay's client frames them
    /// (RFC 8656 §12.5). Bytes for a connection the agent no longer lists are dropped.
    public mutating func handle(streamBytes bytes: [UInt8], on connection: RelayConnection, now: RTCInstant) {
        guard let index = relays.firstIndex(where: { $0.client.connection?.id == connection.id }) else {
            stats.droppedPackets += 1
            return
        }
        relays[index].client.handle(streamBytes: bytes, now: now)
        drainRelay(index, now: now)
        updateConnectionState()
    }

    /// A TURN server's TCP/TLS connection closed, or could not be opened: its allocation fails.
    public mutating func handleConnectionClosed(_ connection: RelayConnection, reason: String, now: RTCInstant) {
        guard let index = relays.firstIndex(where: { $0.client.connection?.id == connection.id }) else { return }
        relays[index].client.handleConnectionClosed(reason: reason, now: now)
        drainRelay(index, now: now)
    }

    /// Bytes relayed through TURN so far, per relay (ChannelData frames, Send indications), in
    /// the order the allocations were started.
    ///
    /// Positional, and only between network changes: a change drops the relays on removed
    /// addresses that are done (one still allocating at once, one still releasing at a later
    /// change), and the later ones move up.
    public var relayCounters: [(channelData: Int, sendIndications: Int)] {
        relays.map { ($0.client.channelDataSent, $0.client.sendIndicationsSent) }
    }

    /// Releases TURN allocations and stops all checks; the agent answers nothing afterwards.
    public mutating func close(now: RTCInstant) {
        guard !isClosed else { return }
        for index in relays.indices {
            relays[index].client.close(now: now)
            drainRelay(index, now: now)
        }
        isClosed = true
        checks = [:]
        gatherings = [:]
        triggered = []
        heldDatagrams = []
        heldBytes = 0
        consent = nil
        setConnectionState(.closed)
    }
}
