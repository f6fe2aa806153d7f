/// The brute-force guard on room codes and passwords: failed join attempts per client address
/// in a sliding window. Once an address has `allowed` failures in the window, every join from
/// it is refused (even with a correct code) until the oldest failure leaves the window.
struct JoinAttemptLimiter: Sendable {
    let allowed: Int
    let window: Duration
    private var failures: [String: [ContinuousClock.Instant]] = [:]
    /// Past this many tracked addresses, stale entries are swept so memory stays bounded.
    private let sweepThreshold = 10_000
    /// When the last sweep ran: at most one a second, since with that many addresses failing
    /// within the window a sweep frees nothing and one per failure made each failure cost a
    /// walk over all of them.
    private var lastSweep: ContinuousClock.Instant?

    init(allowed: Int, window: Duration) {
        self.allowed = allowed
        self.window = window
    }

    /// Whether the address may try to join now.
    mutating func mayAttempt(address: String, now: ContinuousClock.Instant) -> Bool {
        prune(address, now: now)
        return (failures[address]?.count ?? 0) < allowed
    }

    /// Records a failed attempt.
    mutating func recordFailure(address: String, now: ContinuousClock.Instant) {
        if failures.count >= sweepThreshold, lastSweep.map({ now - $0 >= .seconds(1) }) ?? true {
            lastSweep = now
            sweep(now: now)
        }
        failures[address, default: []].append(now)
    }

    private mutating func prune(_ address: String, now: ContinuousClock.Instant) {
        guard var times = failures[address] else { return }
        times.removeAll { now - $0 >= window }
        failures[address] = times.isEmpty ? nil : times
    }

    private mutating func sweep(now: ContinuousClock.Instant) {
        for address in Array(failures.keys) { prune(address, now: now) }
    }
}
