import STUN
import RTCBase

extension ICEAgent {
    /// A local candidate with the socket it is sent from.
    struct LocalCandidate: Sendable {
        var candidate: Candidate
        /// The host socket the driver sends from (for relay candidates: the socket facing the server).
        var base: TransportAddress
        /// The relay slot for relay candidates.
        var relay: Int?
        /// Whether it forms pairs (host and relay; reflexive ones are represented by their base).
        var pairable: Bool
        /// The local preference used in its priority, reused for PRIORITY in checks.
        var localPreference: UInt16
        /// Its base address was removed by a restart, or (server-reflexive) its server now reports
        /// a mapping another candidate has: it forms no pairs, is never announced, and is dropped
        /// at the next network change once nothing uses it.
        var retired = false
        /// For a server-reflexive candidate, the STUN server (address and port) that reported it:
        /// the foundation names the server's IP only (RFC 8445 §5.1.1.3), and two servers on one
        /// IP each see their own mapping of the base.
        var server: TransportAddress?
    }

    /// A pair waiting in the triggered-check queue (RFC 8445 §6.1.4.1).
    struct TriggeredCheck: Sendable, Equatable {
        var pairID: Int
        var useCandidate: Bool
    }

    /// An outstanding connectivity or consent check.
    struct CheckTransaction: Sendable {
        enum Kind: Sendable { case check, consent }
        var kind: Kind
        var pairID: Int
        var transaction: STUNTransaction
        var useCandidate: Bool
        var roleAtSend: ICERole
        /// The password the response must be signed with (the remote's, at send time).
        var remotePassword: String
        var localIndex: Int
        var destination: TransportAddress
        var priority: UInt32
        /// RFC 8445 §7.3.1.4 cancellation: no more retransmissions and no failure on timeout, but
        /// a late response still counts.
        var cancelled = false
    }

    /// A Binding request to a STUN server for a server-reflexive candidate.
    struct GatherTransaction: Sendable {
        var transaction: STUNTransaction
        var baseIndex: Int
        var server: TransportAddress
        var deadline: RTCInstant
    }

    /// A TURN client gathering (then serving) one relay candidate.
    struct RelaySlot: Sendable {
        var client: TURNClient
        var baseIndex: Int
        var deadline: RTCInstant?
        var localIndex: Int?
    }

    /// RFC 7675 consent freshness for the selected pair.
    struct ConsentState: Sendable {
        var nextCheckAt: RTCInstant
        var lastResponseAt: RTCInstant
        /// Last authenticated request or data from the selected pair's remote. Not consent (only
        /// responses grant that, RFC 7675 §5.1), but proof the path works, so no `disconnected`.
        var lastReceivedAt: RTCInstant
        var usernameLocal: String
        var usernameRemote: String
        var remotePassword: String
        var expired = false
        var disconnected = false
    }
}
