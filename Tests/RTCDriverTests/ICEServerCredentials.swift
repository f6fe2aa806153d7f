import ICE
import STUN

/// A TURN server address with time-limited REST credentials (coturn's `--use-auth-secret` scheme).
struct ICEServerCredentials: Sendable {
    var address: SocketAddress
    var username: String
    var password: String

    /// The entry for ``ICE/ICEConfiguration/servers``.
    var server: ICEServer { ICEServer(address: address, kind: .turn(username: username, password: password)) }
}
