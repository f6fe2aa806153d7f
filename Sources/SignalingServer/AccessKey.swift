public import Foundation
import JWTKit

/// The key that signs and checks access tokens (`collab serve --auth-key PATH`).
///
/// A PEM EC P-256 private key means ES256: the server verifies with its public half, and only
/// whoever holds the file can mint tokens. Any other content is an HS256 shared secret (trimmed
/// of surrounding whitespace; at least 32 bytes, so it cannot be guessed offline from a token).
public struct AccessKey: Sendable {
    /// Why a key file cannot be used.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        /// What is wrong, naming the file.
        public let description: String
    }

    /// The two kinds of key.
    enum Kind: Sendable {
        case es256(ES256PrivateKey)
        case hs256([UInt8])
    }

    let kind: Kind

    /// Shortest HS256 secret accepted, in bytes (RFC 7518 section 3.2: at least the hash size).
    public static let minimumSecretBytes = 32

    /// Reads and checks the key file at `path`.
    public init(contentsOfFile path: String) throws(Invalid) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(description: "cannot read the auth key file \(path)")
        }
        try self.init(fileContents: data, named: path)
    }

    /// Parses key file contents (`named` appears in errors).
    public init(fileContents data: Data, named name: String = "the auth key") throws(Invalid) {
        let text = String(decoding: data, as: UTF8.self)
        if text.contains("-----BEGIN") {
            do {
                kind = .es256(try ES256PrivateKey(pem: text))
            } catch {
                throw Invalid(description: "\(name) is PEM but not an EC P-256 private key")
            }
            return
        }
        let secret = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard secret.count >= Self.minimumSecretBytes else {
            throw Invalid(description: "\(name) holds a secret of \(secret.count) bytes; HS256 needs at least \(Self.minimumSecretBytes)")
        }
        kind = .hs256(secret)
    }

    /// `ES256` or `HS256`.
    public var algorithm: String {
        switch kind {
        case .es256: "ES256"
        case .hs256: "HS256"
        }
    }

    /// A key collection holding this one key (the private half also verifies).
    func keyCollection() async -> JWTKeyCollection {
        let keys = JWTKeyCollection()
        switch kind {
        case .es256(let key): await keys.add(ecdsa: key.publicKey)
        case .hs256(let secret): await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        }
        return keys
    }

    /// Signs `claims` into a compact JWT.
    public func sign(_ claims: AccessClaims) async throws -> String {
        let keys = JWTKeyCollection()
        switch kind {
        case .es256(let key): await keys.add(ecdsa: key)
        case .hs256(let secret): await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        }
        return try await keys.sign(claims)
    }
}
