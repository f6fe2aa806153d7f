import Crypto
public import Foundation

/// Time-limited TURN credentials in coturn's REST scheme (`use-auth-secret`):
/// username `"<expiry unix seconds>:<user>"`, password `base64(HMAC-SHA1(secret, username))`.
public struct TURNCredentials: Hashable, Sendable {
    /// The TURN username.
    public var username: String
    /// The TURN password.
    public var credential: String

    /// Makes credentials for `user` valid until `now + ttl`.
    public static func make(secret: String, user: String, ttl: Duration, now: Date) -> TURNCredentials {
        let expiry = Int(now.timeIntervalSince1970) + Int(ttl.components.seconds)
        let username = "\(expiry):\(user)"
        return TURNCredentials(username: username, credential: password(secret: secret, username: username))
    }

    /// The password coturn expects for a username under a secret.
    public static func password(secret: String, username: String) -> String {
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(username.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }
}
