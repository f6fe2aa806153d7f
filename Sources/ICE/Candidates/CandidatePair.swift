/// A local and a remote candidate checked together (RFC 8445 §6.1.2).
public struct CandidatePair: Hashable, Sendable, Identifiable, CustomStringConvertible {
    /// Stable identity within one agent.
    public let id: Int
    /// The local candidate (host or relay; reflexive locals are replaced by their base, §6.1.2.4).
    public var local: Candidate
    /// The remote candidate.
    public var remote: Candidate
    /// RFC 8445 §6.1.2.3 pair priority.
    public var priority: UInt64
    /// Check state.
    public var state: CandidatePairState
    /// Whether this pair has been nominated (§8.1.1).
    public var nominated: Bool
    /// ICE generation: bumped by every restart so old pairs can be told apart.
    public var generation: Int
    /// For a relay local candidate, how it reaches its TURN server (W3C `RTCIceCandidateStats.relayProtocol`:
    /// "udp", "tcp" or "tls"); `nil` for other local candidates.
    public var relayProtocol: TURNTransport?

    /// Index of the local candidate in the agent's table.
    var localIndex: Int
    /// Controlled side: USE-CANDIDATE arrived before this pair's own check succeeded (§7.3.1.5).
    var nominateOnSuccess = false
    /// An authenticated check from the remote arrived on this pair, so its traffic is expected.
    var receivedCheck = false
    /// Check transactions on this pair that ended without any response.
    var timeouts = 0
    /// The round trip of its first successful check, when that check was answered on its first
    /// transmission (Karn's rule); the yardstick for how long a better pair is worth waiting for.
    var checkRoundTrip: Duration?

    init(id: Int, local: Candidate, localIndex: Int, remote: Candidate, priority: UInt64, generation: Int,
         relayProtocol: TURNTransport? = nil) {
        self.relayProtocol = relayProtocol
        self.id = id
        self.local = local
        self.localIndex = localIndex
        self.remote = remote
        self.priority = priority
        self.state = .frozen
        self.nominated = false
        self.generation = generation
    }

    /// RFC 8445 §6.1.2.3: `pair priority = 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0)`, where G is the
    /// controlling agent's candidate priority and D the controlled agent's.
    public static func priority(controlling g: UInt32, controlled d: UInt32) -> UInt64 {
        (UInt64(min(g, d)) << 32) + 2 * UInt64(max(g, d)) + (g > d ? 1 : 0)
    }

    /// The pair's foundation, the concatenation of both candidates' foundations.
    public var foundation: String { local.foundation + ":" + remote.foundation }

    /// The local candidate's type with its relay transport: `host`, `srflx`, `relay/udp`, `relay/tcp`, `relay/tls`.
    public var localTypeDescription: String {
        relayProtocol.map { "\(local.type.rawValue)/\($0.rawValue)" } ?? local.type.rawValue
    }

    /// `local -> remote [state]`.
    public var description: String {
        "\(localTypeDescription) \(local.address) -> \(remote.type.rawValue) \(remote.address) [\(state.rawValue)\(nominated ? ", nominated" : "")]"
    }
}
