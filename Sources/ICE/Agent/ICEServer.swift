public import STUN

/// A STUN or TURN server for gathering, already resolved to an address.
///
/// The sans-IO agent never resolves DNS: the driver resolves host names in `stun:`/`turn:` URLs and
/// passes literal addresses (RFC 7064/7065 URL forms are accepted with IP literals).
public struct ICEServer: Hashable, Sendable {
    /// What the server is used for.
    public enum Kind: Hashable, Sendable {
        /// Server-reflexive discovery with a Binding request.
        case stun
        /// Relay allocation over UDP with long-term credentials.
        case turn(username: String, password: String)
    }

    /// The server's UDP address.
    public var address: SocketAddress
    /// STUN or TURN.
    public var kind: Kind

    /// Creates a server entry.
    public init(address: SocketAddress, kind: Kind) {
        self.address = address
        self.kind = kind
    }

    /// Parses `stun:1.2.3.4:3478`, `turn:[2001:db8::1]:3478?transport=udp`; the default port is 3478.
    ///
    /// Returns `nil` for host names (resolve first), `turns:`/`stuns:`, non-UDP transports, or a
    /// `turn:` URL without credentials.
    public init?(url: String, username: String? = nil, credential: String? = nil) {
        var rest = Substring(url)
        let isTURN: Bool
        if rest.hasPrefix("stun:") { isTURN = false; rest = rest.dropFirst(5) }
        else if rest.hasPrefix("turn:") { isTURN = true; rest = rest.dropFirst(5) }
        else { return nil }
        if let query = rest.firstIndex(of: "?") {
            let params = rest[rest.index(after: query)...].lowercased()
            if params.contains("transport=") && !params.contains("transport=udp") { return nil }
            rest = rest[..<query]
        }
        let text = String(rest)
        let address: SocketAddress
        if let full = SocketAddress(text) {
            address = full
        } else if let ip = IPAddress(text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text) {
            address = SocketAddress(ip: ip, port: 3478)
        } else {
            return nil
        }
        if isTURN {
            guard let username, let credential else { return nil }
            self.init(address: address, kind: .turn(username: username, password: credential))
        } else {
            self.init(address: address, kind: .stun)
        }
    }
}
