import Foundation
import RTCTestSupport
import Testing

@testable import Collaboration

@Suite("GroupBioSync", .timeLimit(.minutes(1)))
struct GroupBioSyncTests {
    static let ids = (0..<4).map { UUID(uuidString: "00000000-0000-0000-0000-00000000000\($0)")! }

    static func sample(hr: Double = 70, rmssd: Double = 40, coherence: Double = 0.5,
                       phase: Double? = 0, rate: Double = 6, at t: Int64 = 0) -> BioSample {
        BioSample(heartRate: hr, rmssd: rmssd, coherence: coherence, breathingRate: rate, breathingPhase: phase, timestamp: t)
    }

    @Test("identical participants: synchrony ≈ 1 and plain means")
    func identical() throws {
        var group = GroupBioSync()
        for id in Self.ids { group.record(Self.sample(phase: 1.0), from: id, now: 0) }
        let state = group.update(now: 1_000_000)
        #expect(state.participantCount == 4)
        #expect(state.meanHeartRate == 70)
        #expect(abs((state.meanRMSSD ?? 0) - 40) < 1e-9)
        #expect(abs((state.synchrony ?? 0) - 1) < 1e-6)
        #expect(abs((state.phaseAlignment ?? 0) - 1) < 1e-6)
        #expect(state.heartRateAgreement == 1)
    }

    @Test("opposite breathing phases: R ≈ 0; phases are carried to the same instant")
    func oppositePhase() throws {
        var group = GroupBioSync()
        group.record(Self.sample(phase: 0), from: Self.ids[0], now: 0)
        group.record(Self.sample(phase: Double.pi), from: Self.ids[1], now: 0)
        var state = group.update(now: 0)
        #expect((state.phaseAlignment ?? 1) < 1e-6)
        #expect(abs((state.synchrony ?? 0) - 0.5) < 1e-6)
        // Same phase but sampled 5 s apart at 6 breaths/min (half a cycle): in phase at `now`
        // only if the second sample's phase is π (it is half a cycle later).
        group.record(Self.sample(phase: 0, at: 0), from: Self.ids[0], now: 5_000_000)
        group.record(Self.sample(phase: Double.pi, at: 5_000_000), from: Self.ids[1], now: 5_000_000)
        state = group.update(now: 5_000_000)
        #expect(abs((state.phaseAlignment ?? 0) - 1) < 1e-6)
    }

    @Test("heart-rate spread: 1 − σ/15 bpm, floored at 0")
    func heartRateSpread() {
        var group = GroupBioSync()
        group.record(Self.sample(hr: 60, phase: nil), from: Self.ids[0], now: 0)
        group.record(Self.sample(hr: 72, phase: nil), from: Self.ids[1], now: 0)
        var state = group.update(now: 0)
        #expect(abs((state.heartRateAgreement ?? 0) - (1 - 6.0 / 15)) < 1e-9)
        #expect(state.phaseAlignment == nil)
        #expect(state.synchrony == state.heartRateAgreement)
        group.record(Self.sample(hr: 120, phase: nil), from: Self.ids[1], now: 0)
        state = group.update(now: 0)
        #expect(state.heartRateAgreement == 0)
    }

    @Test("participants silent for more than 5 s are left out")
    func stale() {
        var group = GroupBioSync()
        group.record(Self.sample(hr: 60), from: Self.ids[0], now: 0)
        group.record(Self.sample(hr: 80), from: Self.ids[1], now: 4_000_000)
        var state = group.update(now: 5_000_000)
        #expect(state.participantCount == 2)
        state = group.update(now: 5_000_001)
        #expect(state.participantCount == 1)
        #expect(state.meanHeartRate == 80)
        #expect(state.synchrony == nil)
        state = group.update(now: 20_000_000)
        #expect(state.participantCount == 0)
        #expect(state.meanHeartRate == nil && state.flowLeader == nil)
    }

    @Test("the flow leader does not flicker: a challenger needs +0.05 for 3 s")
    func leaderHysteresis() {
        var group = GroupBioSync()
        let (a, b) = (Self.ids[0], Self.ids[1])
        group.record(Self.sample(coherence: 0.60), from: a, now: 0)
        group.record(Self.sample(coherence: 0.50), from: b, now: 0)
        #expect(group.update(now: 0).flowLeader == a)
        // b alternates slightly above a: never by the margin, so a stays.
        for step in 1...40 {
            let now = Int64(step) * 250_000
            group.record(Self.sample(coherence: step.isMultiple(of: 2) ? 0.63 : 0.58), from: b, now: now)
            group.record(Self.sample(coherence: 0.60), from: a, now: now)
            #expect(group.update(now: now).flowLeader == a)
        }
        // b leads by 0.1 but only for 2.75 s, then falls back: a stays.
        var now: Int64 = 10_000_000
        for _ in 0..<12 {
            now += 250_000
            group.record(Self.sample(coherence: 0.70), from: b, now: now)
            group.record(Self.sample(coherence: 0.60), from: a, now: now)
            #expect(group.update(now: now).flowLeader == a)
        }
        now += 250_000
        group.record(Self.sample(coherence: 0.55), from: b, now: now)
        #expect(group.update(now: now).flowLeader == a)
        // b leads by 0.1 for 3 s: it takes over exactly when the 3 s have passed.
        let start = now + 250_000
        var tookOverAt: Int64?
        for step in 0..<20 {
            now = start + Int64(step) * 250_000
            group.record(Self.sample(coherence: 0.70), from: b, now: now)
            group.record(Self.sample(coherence: 0.60), from: a, now: now)
            if group.update(now: now).flowLeader == b, tookOverAt == nil { tookOverAt = now }
        }
        #expect(tookOverAt == start + 3_000_000)
    }

    @Test("a stale or removed leader is replaced at once")
    func leaderGone() {
        var group = GroupBioSync()
        group.record(Self.sample(coherence: 0.9), from: Self.ids[0], now: 0)
        group.record(Self.sample(coherence: 0.3), from: Self.ids[1], now: 0)
        #expect(group.update(now: 0).flowLeader == Self.ids[0])
        group.record(Self.sample(coherence: 0.3), from: Self.ids[1], now: 5_500_000)
        #expect(group.update(now: 5_500_000).flowLeader == Self.ids[1])
        group.record(Self.sample(coherence: 0.9), from: Self.ids[2], now: 5_500_000)
        group.remove(Self.ids[1])
        #expect(group.update(now: 5_500_000).flowLeader == Self.ids[2])
    }

    @Test("end to end: synthetic hearts breathing together are in sync, against each other not")
    func syntheticHearts() throws {
        func estimate(phase: Double, seed: UInt64) throws -> HRVEstimate {
            var random = SeededRandom(seed: seed)
            var heart = SyntheticHeart(baseHeartRate: 64, breathingRate: 6, phase: phase)
            var estimator = CoherenceEstimator()
            // Run each heart for exactly 80 s so their last beats share an instant (≈).
            while heart.time < 80 { estimator.add(rrInterval: heart.nextInterval(using: &random)) }
            return try #require(estimator.estimate())
        }
        let together = try [estimate(phase: 0, seed: 1), estimate(phase: 0, seed: 2)]
        let apart = try [estimate(phase: 0, seed: 3), estimate(phase: Double.pi, seed: 4)]
        let r1 = GroupBioSync.orderParameter(together.map(\.breathingPhase))
        let r2 = GroupBioSync.orderParameter(apart.map(\.breathingPhase))
        #expect(r1 > 0.85, "together \(r1)")
        #expect(r2 < 0.35, "apart \(r2)")
    }

    @Test("the number of participants tracked is bounded")
    func bounded() {
        var configuration = GroupBioSync.Configuration()
        configuration.maximumParticipants = 3
        var group = GroupBioSync(configuration: configuration)
        for i in 0..<10 { group.record(Self.sample(), from: UUID(), now: Int64(i)) }
        #expect(group.update(now: 10).participantCount == 3)
    }

    @Test("hostile timestamps from a peer do not trap")
    func hostileTimestamps() {
        var group = GroupBioSync()
        group.record(Self.sample(at: .min), from: Self.ids[0], now: .max)
        group.record(Self.sample(at: .max), from: Self.ids[1], now: .max)
        let state = group.update(now: .max)
        #expect(state.participantCount == 2)
        #expect((state.phaseAlignment ?? -1) >= 0)
    }
}
