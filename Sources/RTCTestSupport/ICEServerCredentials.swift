public import ICE
public import RTCBase

/// A TURN server address with time-limited REST credentials (coturn's `--use-auth-secret` scheme).
public struct ICEServerCredentials: Sendable {
    public var address: TransportAddress
    public var username: String
    public var password: String
    /// How the client reaches the server.
    public var transport: TURNTransport

    /// Wraps an address and its credentials.
    public init(address: TransportAddress, username: String, password: String, transport: TURNTransport = .udp) {
        self.address = address
        self.username = username
        self.password = password
        self.transport = transport
    }

    /// The entry for ``ICE/ICEConfiguration/servers``.
    public var server: ICEServer {
        ICEServer(address: address, kind: .turn(username: username, password: password), transport: transport)
    }
}
