public import ICE
public import RTCBase
import STUN

/// An in-memory UDP network: datagrams between addresses with loss, delay, jitter, duplication
/// and reordering drawn from a seeded generator, plus one-to-one NAT rewriting.
///
/// Deterministic: the same seed and the same sends give the same deliveries.
public struct SimulatedNetwork: Sendable {
    /// A datagram in flight.
    public struct Delivery: Hashable, Sendable {
        /// When it arrives.
        public var at: RTCInstant
        /// Tie-breaker that keeps equal arrival times in send order.
        public var sequence: Int
        /// The datagram as the receiver sees it (after NAT rewriting).
        public var transmit: Transmit
    }

    /// Counters.
    public struct Stats: Hashable, Sendable {
        /// Datagrams handed to ``send(_:now:)``.
        public var sent = 0
        /// Datagrams dropped by loss or a blocked path.
        public var dropped = 0
        /// Extra copies created.
        public var duplicated = 0
        /// Datagrams delivered.
        public var delivered = 0
    }

    /// Impairments applied to every datagram.
    public var conditions: NetworkConditions
    /// Counters.
    public private(set) var stats = Stats()
    /// IPs whose traffic (either direction) is silently dropped, to simulate a path going down.
    public var blackholed: Set<IPAddress> = []

    private var random: SeededRandom
    private var inFlight: [Delivery] = []
    private var sequence = 0
    private var natOutbound: [TransportAddress: TransportAddress] = [:]
    private var natInbound: [TransportAddress: TransportAddress] = [:]

    /// Creates a network; `seed` fixes every random decision.
    public init(conditions: NetworkConditions = .perfect, seed: UInt64) {
        self.conditions = conditions
        self.random = SeededRandom(seed: seed)
    }

    /// A one-to-one (endpoint-independent) NAT: datagrams from `internal` appear to come from
    /// `external`, and datagrams to `external` are delivered to `internal`.
    public mutating func addNAT(internal inside: TransportAddress, external outside: TransportAddress) {
        natOutbound[inside] = outside
        natInbound[outside] = inside
    }

    /// Puts a datagram on the wire at `now`.
    public mutating func send(_ transmit: Transmit, now: RTCInstant) {
        stats.sent += 1
        var wire = transmit
        if let external = natOutbound[wire.source] { wire.source = external }
        if let internalAddress = natInbound[wire.destination] { wire.destination = internalAddress }
        if blackholed.contains(transmit.source.ip) || blackholed.contains(transmit.destination.ip) || random.chance(conditions.loss) {
            stats.dropped += 1
            return
        }
        schedule(wire, now: now)
        if random.chance(conditions.duplication) {
            stats.duplicated += 1
            schedule(wire, now: now)
        }
    }

    private mutating func schedule(_ transmit: Transmit, now: RTCInstant) {
        var delay = conditions.delay
        if conditions.jitter > .zero { delay += conditions.jitter.scaled(by: random.nextUnit()) }
        if random.chance(conditions.reordering) { delay += conditions.reorderDelay }
        sequence += 1
        inFlight.append(Delivery(at: now + delay, sequence: sequence, transmit: transmit))
    }

    /// When the next datagram arrives, if any is in flight.
    public var nextDelivery: RTCInstant? {
        inFlight.min { ($0.at, $0.sequence) < ($1.at, $1.sequence) }?.at
    }

    /// Removes and returns the earliest datagram due at or before `now`.
    public mutating func pollDelivery(now: RTCInstant) -> Transmit? {
        guard let index = inFlight.indices.min(by: {
            (inFlight[$0].at, inFlight[$0].sequence) < (inFlight[$1].at, inFlight[$1].sequence)
        }), inFlight[index].at <= now else { return nil }
        stats.delivered += 1
        return inFlight.remove(at: index).transmit
    }

    /// Datagrams still in flight.
    public var inFlightCount: Int { inFlight.count }
}
