package import ICE
public import RTCBase

/// The path a connection uses, as W3C `RTCIceCandidatePairStats` describes it with its local and
/// remote candidates' stats.
public struct RTCIceCandidatePair: Hashable, Sendable, CustomStringConvertible {
    /// W3C `RTCIceCandidateType`.
    public enum CandidateType: String, Hashable, Sendable {
        case host
        case srflx
        case prflx
        case relay
    }

    /// W3C `RTCIceServerTransportProtocol`: how a relay candidate reaches its TURN server.
    public enum RelayProtocol: String, Hashable, Sendable {
        case udp
        case tcp
        case tls
    }

    /// Our candidate's type.
    public var localType: CandidateType
    /// Our candidate's address (for a relay candidate, the address the TURN server gave us).
    public var localAddress: TransportAddress
    /// For a relay local candidate, how it reaches its TURN server.
    public var relayProtocol: RelayProtocol?
    /// The peer's candidate's type.
    public var remoteType: CandidateType
    /// The peer's candidate's address.
    public var remoteAddress: TransportAddress

    package init(_ pair: CandidatePair) {
        localType = CandidateType(pair.local.type)
        localAddress = pair.local.address
        relayProtocol = pair.relayProtocol.flatMap { RelayProtocol(rawValue: $0.rawValue) }
        remoteType = CandidateType(pair.remote.type)
        remoteAddress = pair.remote.address
    }

    /// `host 10.0.0.2:5000 -> srflx 198.51.100.7:6000`, with `/tcp` after a relay reached over TCP.
    public var description: String {
        let local = relayProtocol.map { "\(localType.rawValue)/\($0.rawValue)" } ?? localType.rawValue
        return "\(local) \(localAddress) -> \(remoteType.rawValue) \(remoteAddress)"
    }
}

extension RTCIceCandidatePair.CandidateType {
    init(_ type: ICE.CandidateType) {
        switch type {
        case .host: self = .host
        case .serverReflexive: self = .srflx
        case .peerReflexive: self = .prflx
        case .relay: self = .relay
        }
    }
}
