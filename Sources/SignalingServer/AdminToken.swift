import Foundation
import Crypto

/// The bearer token of the admin HTTP API (`--admin-token-file`), compared in constant time.
public struct AdminToken: Sendable {
    /// Why a token cannot be used.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Shortest token accepted, in bytes: it guards every room.
    public static let minimumBytes = 16

    private let digest: [UInt8]

    /// A token (surrounding whitespace trimmed); at least ``minimumBytes``.
    public init(_ text: String) throws(Invalid) {
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.utf8.count >= Self.minimumBytes else {
            throw Invalid(description: "the admin token must have at least \(Self.minimumBytes) bytes")
        }
        digest = Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// Whether an `Authorization` header value is `Bearer <this token>`. Both sides are hashed
    /// first, so neither the bytes nor the length of the token leak through timing.
    func accepts(authorization: String?) -> Bool {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            return false
        }
        let offered = Array(SHA256.hash(data: Array(authorization.dropFirst(7).trimmingCharacters(in: .whitespaces).utf8)))
        var difference: UInt8 = 0
        for (a, b) in zip(offered, digest) { difference |= a ^ b }
        return difference == 0
    }
}
