public import RTCBase
import STUN

/// The TCP or TLS connection that carries one TURN allocation (RFC 8656 §3.1: over TCP "the
/// 5-tuple" includes the client's connection, so each allocation has a connection of its own).
///
/// The sans-IO agent names it; the driver opens it on the first ``Transmit`` that carries it, from
/// `local`'s IP (any port) to `server`, and keeps it while the agent lists it in
/// ``ICEAgent/relayConnections``.
public struct RelayConnection: Hashable, Sendable, CustomStringConvertible {
    /// Unique within one agent.
    public var id: Int
    /// ``TURNTransport/tcp`` or ``TURNTransport/tls``.
    public var transport: TURNTransport
    /// The host candidate's base: the driver binds its IP, with an ephemeral port.
    public var local: TransportAddress
    /// The TURN server.
    public var server: TransportAddress
    /// TLS: the name to send in SNI and check the certificate against; `nil` checks the IP address.
    public var serverName: String?

    /// Names a connection.
    public init(id: Int, transport: TURNTransport, local: TransportAddress, server: TransportAddress, serverName: String? = nil) {
        self.id = id
        self.transport = transport
        self.local = local
        self.server = server
        self.serverName = serverName
    }

    /// `tcp#1 10.0.0.1 -> 198.51.100.1:3478`.
    public var description: String { "\(transport.rawValue)#\(id) \(local.ip) -> \(server)" }
}
