/// A token bucket: `rate` tokens a second up to `burst`; each event takes one.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    init(rate: Double, burst: Double, now: ContinuousClock.Instant) {
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.last = now
    }

    /// Takes a token if one is available.
    mutating func take(now: ContinuousClock.Instant) -> Bool {
        let elapsed = now - last
        last = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        tokens = min(burst, tokens + max(0, seconds) * rate)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Gives back a token just taken (the event it was taken for did not happen after all).
    mutating func refund() {
        tokens = min(burst, tokens + 1)
    }
}
