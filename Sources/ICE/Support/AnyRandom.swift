import RTCBase

/// Type-erased random source stored by cores, so callers can pass any generator once at creation.
package struct AnyRandom: RandomNumberGenerator, Sendable {
    private var base: any RandomNumberGenerator & Sendable

    package init(_ base: any RandomNumberGenerator & Sendable) {
        self.base = base
    }

    package mutating func next() -> UInt64 {
        base.next()
    }

    /// A child generator for a sub-core, seeded from this one so the whole tree stays deterministic.
    package mutating func split() -> AnyRandom {
        AnyRandom(SplitMixRandom(seed: next()))
    }

    /// A value uniformly distributed in `range`.
    package mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
