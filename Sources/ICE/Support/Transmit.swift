public import RTCBase
import STUN

/// Bytes a core wants sent: a UDP datagram from a local socket, or a frame on a TURN server's
/// TCP/TLS connection.
public struct Transmit: Hashable, Sendable, CustomStringConvertible {
    /// The local socket address to send from (a host candidate's base).
    public var source: TransportAddress
    /// The remote address.
    public var destination: TransportAddress
    /// The UDP payload, or one whole frame for a stream (never split across transmits).
    public var payload: [UInt8]
    /// `nil`: a UDP datagram from ``source``. Otherwise the TCP/TLS connection to the TURN server
    /// ``destination`` that carries these bytes; the driver opens it on first use.
    public var connection: RelayConnection?

    /// Creates a transmit.
    public init(source: TransportAddress, destination: TransportAddress, payload: [UInt8], connection: RelayConnection? = nil) {
        self.source = source
        self.destination = destination
        self.payload = payload
        self.connection = connection
    }

    /// How the bytes travel.
    public var transport: TURNTransport { connection?.transport ?? .udp }

    /// `source -> destination (N bytes)`, with the transport when it is not UDP.
    public var description: String {
        let via = connection.map { " over \($0.transport.rawValue)" } ?? ""
        return "\(source) -> \(destination)\(via) (\(payload.count) bytes)"
    }
}
