import RTCBase

/// A deterministic random number generator (SplitMix64) for reproducible tests.
///
/// Not cryptographically secure: tests only.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    /// The one SplitMix64 of the package (the ICE core uses it to derive child generators).
    private var base: SplitMixRandom

    /// Creates a generator whose sequence is fully determined by `seed`.
    public init(seed: UInt64) {
        base = SplitMixRandom(seed: seed)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        base.next()
    }

    /// A uniformly random `Double` in `0..<1`.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        probability > 0 && nextUnit() < probability
    }
}
