import Crypto
import Foundation

/// A room password kept only as a salted SHA-256 digest, compared in constant time.
struct PasswordDigest: Sendable, Equatable {
    private let salt: [UInt8]
    private let digest: [UInt8]

    init(password: String, using generator: inout some RandomNumberGenerator) {
        salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        digest = Self.hash(salt: salt, password: password)
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
