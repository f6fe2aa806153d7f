/// How a TURN client reaches its server (RFC 8656 §3.1), W3C `RTCIceCandidateStats.relayProtocol`.
///
/// The relayed transport towards peers is UDP in every case (REQUESTED-TRANSPORT 17); this is only
/// the client-to-server leg.
public enum TURNTransport: String, Hashable, Sendable, CaseIterable, Comparable {
    /// `turn:host:port` or `?transport=udp`: one datagram per message.
    case udp
    /// `turn:host:port?transport=tcp`: messages framed on a TCP stream (RFC 8656 §12.5 padding).
    case tcp
    /// `turns:host:port`: the TCP framing inside TLS.
    case tls

    /// Whether messages travel on a byte stream that needs framing.
    public var isStream: Bool { self != .udp }

    /// The default server port: RFC 8656 §3.1 "3478 for TURN over UDP and TCP, 5349 for TURN over (D)TLS".
    public var defaultPort: UInt16 { self == .tls ? 5349 : 3478 }

    /// Preference among relays in the local preference of a relay candidate: UDP over TCP over TLS,
    /// as a stream adds head-of-line blocking and TLS a handshake and record overhead.
    public var preference: UInt16 {
        switch self {
        case .udp: 3
        case .tcp: 2
        case .tls: 1
        }
    }

    /// Orders by preference, most preferred last.
    public static func < (lhs: TURNTransport, rhs: TURNTransport) -> Bool { lhs.preference < rhs.preference }
}
