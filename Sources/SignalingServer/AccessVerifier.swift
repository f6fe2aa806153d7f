import Foundation
import JWTKit
import SignalingProtocol

/// Checks the access token of a WebSocket upgrade against the server's ``AccessKey``.
///
/// Everything in a token comes from the network: it is size-bounded before parsing, and every
/// claim is checked (room code syntax, role, name bounds) so the state machine only ever sees a
/// well-formed ``AccessGrant``.
struct AccessVerifier: Sendable {
    private let keys: JWTKeyCollection
    /// Longest token read; a real one is a few hundred bytes.
    static let maxTokenBytes = 4096

    init(key: AccessKey) async {
        keys = await key.keyCollection()
    }

    /// The grant for `token` at `now`. An expired token is refused unless the client says it is
    /// resuming (`resume=1`); then the grant allows nothing but the resume.
    func grant(token: String?, resuming: Bool, now: Date, maxNameBytes: Int) async -> Result<AccessGrant, AccessRefusal> {
        guard let token, !token.isEmpty else { return .failure(.missing) }
        guard token.utf8.count <= Self.maxTokenBytes else { return .failure(.invalid) }
        let claims: AccessClaims
        do {
            claims = try await keys.verify(token, as: AccessClaims.self)
        } catch {
            return .failure(.invalid)
        }
        let expired = claims.exp.value <= now
        if expired, !resuming { return .failure(.expired) }
        let room: RoomCode?
        if claims.room == AccessClaims.anyRoom {
            room = nil
        } else {
            guard let code = try? RoomCode(claims.room) else { return .failure(.invalid) }
            room = code
        }
        if let role = claims.role, !AccessClaims.roles.contains(role) { return .failure(.invalid) }
        let name = claims.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.utf8.count <= maxNameBytes else { return .failure(.invalid) }
        let mayHost = claims.role != "participant"
        return .success(AccessGrant(
            room: room, name: name, mayCreate: (claims.create ?? false) && mayHost, mayHost: mayHost, resumeOnly: expired))
    }

    /// The token of an upgrade request: `Authorization: Bearer T`, else the `token` query
    /// parameter (browsers cannot set headers on a WebSocket).
    static func token(authorization: String?, query: String) -> String? {
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return queryValue("token", in: query)
    }

    /// The first value of `name` in a URL query, percent-decoded.
    static func queryValue(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.first.map(String.init) == name else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            return raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
        }
        return nil
    }
}
