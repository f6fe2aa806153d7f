public import Foundation
public import JWTKit

/// The claims of a `collab` access token (a JWT): who may enter, where, and as what.
///
/// `exp` is checked by ``AccessVerifier`` itself rather than in ``verify(using:)``, so that an
/// expired but genuine token can still carry a resume (the token guards entry, not presence).
public struct AccessClaims: JWTPayload, Equatable {
    /// Expiry (seconds since 1970 on the wire).
    public var exp: ExpirationClaim
    /// The display name the holder appears under; the server uses it instead of the one the
    /// client sends.
    public var name: String
    /// The room code the token admits to, or `*` for any room.
    public var room: String
    /// Whether the holder may create rooms (absent: no).
    public var create: Bool?
    /// The highest role the holder may take: `host` (also the default) or `participant`, who
    /// never creates rooms, is passed over when the host role moves, and may not `remove`.
    public var role: String?

    /// Claims for a token that expires at `expires`.
    public init(expires: Date, name: String, room: String, create: Bool = false, role: String? = nil) {
        self.exp = ExpirationClaim(value: expires)
        self.name = name
        self.room = room
        self.create = create
        self.role = role
    }

    /// The signature is checked by jwt-kit; the claims are checked by ``AccessVerifier``.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}

    /// `room` meaning any room.
    public static let anyRoom = "*"
    /// The `role` values a token may carry.
    public static let roles: Set<String> = ["host", "participant"]
}
