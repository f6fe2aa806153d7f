public import RTCBase
import STUN

/// Everything the caller decides for an ``ICEAgent``; options the W3C API lacks live here too.
public struct ICEConfiguration: Hashable, Sendable {
    /// Which local candidates may be used (W3C `iceTransportPolicy`).
    public enum TransportPolicy: Hashable, Sendable {
        /// Host, server-reflexive and relay candidates.
        case all
        /// Relay candidates only.
        case relay
    }

    /// The local socket addresses the driver has bound, one host candidate each.
    ///
    /// The agent never enumerates interfaces: this list is its whole view of the host.
    public var hostAddresses: [TransportAddress]
    /// Loopback addresses in ``hostAddresses`` are dropped unless this is set.
    public var includeLoopback: Bool
    /// STUN and TURN servers to gather from.
    public var servers: [ICEServer]
    /// W3C `iceTransportPolicy`.
    public var transportPolicy: TransportPolicy
    /// RFC 8445 §14.2 pacing interval Ta between new checks; default 50 ms.
    public var ta: Duration
    /// Initial RTO of connectivity-check transactions (RFC 8445 §14.3).
    public var checkRTO: Duration
    /// Cap on the doubled check RTO.
    public var checkMaxRTO: Duration
    /// Requests sent per check before the pair fails (Rc).
    public var checkMaxTransmits: Int
    /// Extra check transactions for a timed-out pair on which the peer's own checks did arrive.
    ///
    /// Not in RFC 8445 (which fails the pair), but without it a lossy path can fail a pair that
    /// the peer already validated, leaving that peer waiting for a nomination that never comes.
    public var checkRetries: Int
    /// How long one STUN/TURN server may take before gathering gives up on it.
    public var gatheringTimeout: Duration
    /// How long the controlling agent waits for better pairs after the first valid one before
    /// nominating the best valid pair anyway.
    public var nominationDelay: Duration
    /// RFC 7675 §5.1: consent checks every ~5 s, randomized 0.8-1.2.
    public var consentInterval: Duration
    /// No consent response for this long: `disconnected`.
    public var disconnectedTimeout: Duration
    /// RFC 7675 §5.1: "Consent expires after 30 seconds" without a response: `failed`.
    public var consentTimeout: Duration
    /// TURN allocation lifetime to request.
    public var turnLifetime: UInt32
    /// Upper bound on candidate pairs (RFC 8445 §6.1.2.5 suggests 100).
    public var maxPairs: Int
    /// Upper bound on remote candidates kept, including peer-reflexive ones learned from checks.
    public var maxRemoteCandidates: Int
    /// SOFTWARE attribute for requests; `nil` omits it.
    public var software: String?

    /// Creates a configuration with the defaults described on each property.
    public init(
        hostAddresses: [TransportAddress],
        includeLoopback: Bool = false,
        servers: [ICEServer] = [],
        transportPolicy: TransportPolicy = .all,
        ta: Duration = .milliseconds(50),
        checkRTO: Duration = .milliseconds(500),
        checkMaxRTO: Duration = .milliseconds(1600),
        checkMaxTransmits: Int = 7,
        checkRetries: Int = 2,
        gatheringTimeout: Duration = .seconds(5),
        nominationDelay: Duration = .milliseconds(500),
        consentInterval: Duration = .seconds(5),
        disconnectedTimeout: Duration = .seconds(8),
        consentTimeout: Duration = .seconds(30),
        turnLifetime: UInt32 = 600,
        maxPairs: Int = 100,
        maxRemoteCandidates: Int = 64,
        software: String? = nil
    ) {
        self.hostAddresses = hostAddresses
        self.includeLoopback = includeLoopback
        self.servers = servers
        self.transportPolicy = transportPolicy
        self.ta = ta
        self.checkRTO = checkRTO
        self.checkMaxRTO = checkMaxRTO
        self.checkMaxTransmits = checkMaxTransmits
        self.checkRetries = checkRetries
        self.gatheringTimeout = gatheringTimeout
        self.nominationDelay = nominationDelay
        self.consentInterval = consentInterval
        self.disconnectedTimeout = disconnectedTimeout
        self.consentTimeout = consentTimeout
        self.turnLifetime = turnLifetime
        self.maxPairs = maxPairs
        self.maxRemoteCandidates = maxRemoteCandidates
        self.software = software
    }
}
