import Crypto
import Foundation
import RTCBase

/// A room password kept only as a salted SHA-256 digest, compared in constant time.
struct PasswordDigest: Sendable, Equatable {
    private let salt: [UInt8]
    private let digest: [UInt8]

    init(password: String, using generator: inout some RandomNumberGenerator) {
        salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        digest = Self.hash(salt: salt, password: password)
    }

    /// A digest read back from the database (`salt:digest` in hex); nil when malformed.
    init?(stored: String) {
        let parts = stored.split(separator: ":")
        guard parts.count == 2, let salt = Hex.decode(parts[0]), let digest = Hex.decode(parts[1]),
            salt.count == 16, digest.count == 32
        else { return nil }
        self.salt = salt
        self.digest = digest
    }

    /// `salt:digest` in hex, as the database keeps it.
    var stored: String {
        Hex.encode(salt) + ":" + Hex.encode(digest)
    }

    func matches(_ password: String) -> Bool {
        let candidate = Self.hash(salt: salt, password: password)
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, digest) { difference |= a ^ b }
        return difference == 0
    }

    private static func hash(salt: [UInt8], password: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Data(password.utf8))
        return Array(hasher.finalize())
    }
}
