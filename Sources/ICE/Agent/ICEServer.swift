public import RTCBase
import STUN

/// A STUN or TURN server for gathering, already resolved to an address.
///
/// The sans-IO agent never resolves DNS: the driver resolves host names in `stun:`/`turn:`/`turns:`
/// URLs and passes literal addresses (RFC 7064/7065 URL forms are accepted with IP literals).
public struct ICEServer: Hashable, Sendable {
    /// What the server is used for.
    public enum Kind: Hashable, Sendable {
        /// Server-reflexive discovery with a Binding request.
        case stun
        /// Relay allocation with long-term credentials.
        case turn(username: String, password: String)
    }

    /// The server's address.
    public var address: TransportAddress
    /// STUN or TURN.
    public var kind: Kind
    /// How a TURN client reaches the server: UDP, TCP or TLS (RFC 8656 §3.1). Always UDP for STUN.
    public var transport: TURNTransport
    /// For TLS: the host name the URL named, sent in SNI and checked against the server's
    /// certificate; `nil` when the URL named an IP address (the certificate must then carry it).
    public var serverName: String?

    /// Creates a server entry.
    public init(address: TransportAddress, kind: Kind, transport: TURNTransport = .udp, serverName: String? = nil) {
        self.address = address
        self.kind = kind
        self.transport = transport
        self.serverName = serverName
    }

    /// Parses `stun:1.2.3.4:3478`, `turn:[2001:db8::1]:3478?transport=udp`,
    /// `turn:192.0.2.1?transport=tcp` and `turns:192.0.2.1` (TLS over TCP).
    ///
    /// RFC 7065 §3.1: the default port is 3478 for `turn:` and 5349 for `turns:`; `turns:` with
    /// `transport=tcp` is TLS too. Returns `nil` for host names (resolve first), `stuns:`, DTLS
    /// (`turns:` with `transport=udp`), other transports, or a `turn:`/`turns:` URL without credentials.
    public init?(url: String, username: String? = nil, credential: String? = nil) {
        var rest = Substring(url)
        let scheme: Substring
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        scheme = rest[..<colon]
        rest = rest[rest.index(after: colon)...]
        var requested: String?
        if let query = rest.firstIndex(of: "?") {
            for parameter in rest[rest.index(after: query)...].split(separator: "&") {
                let parts = parameter.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == "transport" { requested = parts[1].lowercased() }
            }
            rest = rest[..<query]
        }
        let transport: TURNTransport
        let isTURN: Bool
        switch (scheme, requested) {
        case ("stun", nil), ("stun", "udp"?): isTURN = false; transport = .udp
        case ("turn", nil), ("turn", "udp"?): isTURN = true; transport = .udp
        case ("turn", "tcp"?): isTURN = true; transport = .tcp
        case ("turns", nil), ("turns", "tcp"?): isTURN = true; transport = .tls
        default: return nil
        }
        let text = String(rest)
        let address: TransportAddress
        if let full = TransportAddress(text) {
            address = full
        } else if let ip = IPAddress(text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text) {
            address = TransportAddress(ip: ip, port: transport.defaultPort)
        } else {
            return nil
        }
        if isTURN {
            guard let username, let credential else { return nil }
            self.init(address: address, kind: .turn(username: username, password: credential), transport: transport)
        } else {
            self.init(address: address, kind: .stun)
        }
    }
}
