@testable import SignalingServer
import Testing

/// Issue 15, the p99: `malloc_trim` only after a quiet interval, on a virtual clock (the instant
/// and the process's CPU time are arguments).
@Suite struct MemoryTrimPolicyTests {
    /// Checks every 5 s of a virtual clock; `cores` is the share of one core used before each.
    static func decisions(_ cores: [Double], quietShare: Double = 0.05) -> [MemoryTrimPolicy.Decision] {
        var policy = MemoryTrimPolicy(quietShare: quietShare)
        let start = ContinuousClock.now
        var (now, cpu) = (start, Duration.seconds(3))
        var decisions = [policy.check(now: now, cpu: cpu)]
        for share in cores {
            now += .seconds(5)
            cpu += Duration.seconds(5) * share
            decisions.append(policy.check(now: now, cpu: cpu))
        }
        return decisions
    }

    @Test func theFirstCheckOnlyTakesAReading() {
        #expect(Self.decisions([]) == [.skip])
        #expect(Self.decisions([0]) == [.skip, .trim])
    }

    /// A crowd relaying (0.8 cores), then leaving (0.3), then gone: one trim per quiet interval
    /// once it has gone, none while it was there.
    @Test func trimsOnlyAfterQuietIntervals() {
        #expect(Self.decisions([0.8, 0.8, 0.3, 0.001, 0, 0.9, 0.02]) == [.skip, .skip, .skip, .skip, .trim, .trim, .skip, .trim])
    }

    @Test func theQuietShareIsInclusive() {
        #expect(Self.decisions([0.05, 0.051]) == [.skip, .trim, .skip])
        #expect(Self.decisions([0.2], quietShare: 0.25) == [.skip, .trim])
    }

    /// A clock that has not moved (or a check run twice at one instant) decides nothing.
    @Test func noTimeNoTrim() {
        var policy = MemoryTrimPolicy()
        let now = ContinuousClock.now
        #expect(policy.check(now: now, cpu: .seconds(1)) == .skip)
        #expect(policy.check(now: now, cpu: .seconds(1)) == .skip)
        #expect(policy.check(now: now + .seconds(5), cpu: .seconds(1)) == .trim)
    }
}
