/// A "random" source that replays given bytes, one per `next()`, so a seal with a known nonce gives known bytes.
///
/// `UInt8.random(in: .min ... .max, using:)` takes the low byte of one `next()` (the standard library's
/// full-range path), which is how `EnvelopeCipher` draws each nonce byte.
struct ReplayRandom: RandomNumberGenerator {
    private var bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> UInt64 {
        precondition(index < bytes.count, "ReplayRandom ran out of bytes: the sealer drew more than a nonce")
        defer { index += 1 }
        return UInt64(bytes[index])
    }
}
