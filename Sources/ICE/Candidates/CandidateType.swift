/// The four candidate types of RFC 8445 §5.1.1.
public enum CandidateType: String, Hashable, Sendable, CaseIterable {
    /// A local interface address.
    case host
    /// An address seen by a STUN server (`srflx`).
    case serverReflexive = "srflx"
    /// An address learned from a connectivity check (`prflx`).
    case peerReflexive = "prflx"
    /// A TURN relayed address.
    case relay

    /// RFC 8445 §5.1.2.2: "The RECOMMENDED values for type preferences are 126 for host candidates,
    /// 110 for peer-reflexive candidates, 100 for server-reflexive candidates, and 0 for relayed".
    public var typePreference: UInt32 {
        switch self {
        case .host: 126
        case .peerReflexive: 110
        case .serverReflexive: 100
        case .relay: 0
        }
    }
}
