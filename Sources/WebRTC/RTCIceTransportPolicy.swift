/// W3C `RTCIceTransportPolicy`: which candidates ICE may use.
public enum RTCIceTransportPolicy: String, Hashable, Sendable {
    /// Every candidate type.
    case all
    /// Relay candidates only (a TURN server in the path, the peer never sees our addresses).
    case relay
}
