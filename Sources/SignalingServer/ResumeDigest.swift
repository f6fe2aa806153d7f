import Crypto
import RTCBase

/// A resume token kept only as its SHA-256 digest, in memory and in the database: a leaked table
/// or heap does not let anyone take over a member's place. Unsalted, because tokens are 32 random
/// bytes (nothing to guess); compared in constant time.
struct ResumeDigest: Sendable, Equatable {
    private let digest: [UInt8]

    init(token: String) {
        digest = Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// A digest read back from the database (64 hex digits); nil when malformed.
    init?(stored: String) {
        guard let bytes = Hex.decode(stored), bytes.count == SHA256.byteCount else { return nil }
        digest = bytes
    }

    /// 64 hex digits, as the database keeps it.
    var stored: String { Hex.encode(digest) }

    /// Whether `token` is the one this digest was made from.
    func matches(_ token: String) -> Bool {
        let other = Array(SHA256.hash(data: Array(token.utf8)))
        var difference: UInt8 = 0
        for (p, q) in zip(digest, other) { difference |= p ^ q }
        return difference == 0
    }
}
