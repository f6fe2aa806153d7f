/// The network path a peer link uses: the ICE candidate pair ICE selected, by type.
///
/// What a user needs to see when a link is slow or fails: `host->host` is the same LAN,
/// `host->srflx` / `host->prflx` crosses NATs directly, anything with `relay` goes through TURN
/// (and `relay/tcp` or `relay/tls` over TCP to the TURN server).
public struct LinkPath: Hashable, Sendable, CustomStringConvertible {
    /// The local candidate's type: `host`, `srflx`, `prflx` or `relay`.
    public var localType: String
    /// For a local relay: how we reach the TURN server (`udp`, `tcp`, `tls`).
    public var relayProtocol: String?
    /// The local candidate's address (`IP:port`; for a relay, the address on the TURN server).
    public var localAddress: String
    /// The remote candidate's type.
    public var remoteType: String
    /// The remote candidate's address (`IP:port`).
    public var remoteAddress: String

    /// Creates a path description.
    public init(localType: String, relayProtocol: String? = nil, localAddress: String, remoteType: String,
                remoteAddress: String) {
        self.localType = localType
        self.relayProtocol = relayProtocol
        self.localAddress = localAddress
        self.remoteType = remoteType
        self.remoteAddress = remoteAddress
    }

    /// The local IP (without the port), to tell whether an interface change broke this path.
    public var localIP: String {
        if localAddress.hasPrefix("["), let close = localAddress.firstIndex(of: "]") {
            return String(localAddress[localAddress.index(after: localAddress.startIndex)..<close])
        }
        return String(localAddress.prefix { $0 != ":" })
    }

    /// Whether a TURN server carries the data (on either side).
    public var isRelayed: Bool { localType == "relay" || remoteType == "relay" }

    /// `relay/tcp->srflx`, `host->host`.
    public var description: String {
        "\(localType)\(relayProtocol.map { "/\($0)" } ?? "")->\(remoteType)"
    }
}
