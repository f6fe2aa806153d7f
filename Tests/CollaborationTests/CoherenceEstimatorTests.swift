import Foundation
import RTCTestSupport
import Testing

@testable import Collaboration

@Suite("CoherenceEstimator", .timeLimit(.minutes(1)))
struct CoherenceEstimatorTests {
    /// RR intervals modulated by a sinusoid of `frequency` Hz, sampled at each beat.
    static func modulated(frequency: Double, base: Double = 850, amplitude: Double = 50, phase: Double = 0,
                          seconds: Double = 90, noise: Double = 0, seed: UInt64 = 1) -> [Double] {
        var random = SeededRandom(seed: seed)
        var t = 0.0
        var result: [Double] = []
        while t < seconds {
            // The modulation is read at the beat that ends the interval: RR = f(t + RR).
            let jitter = noise * SyntheticHeart.gaussian(using: &random)
            var rr = base
            for _ in 0..<6 { rr = base + amplitude * cos(2 * Double.pi * frequency * (t + rr / 1000) + phase) + jitter }
            t += rr / 1000
            result.append(rr)
        }
        return result
    }

    @Test("RMSSD of a known series equals the hand-computed value")
    func rmssd() {
        // Differences 10, −20, 15: sqrt((100 + 400 + 225) / 3) = sqrt(241.666…) = 15.5456…
        #expect(abs((CoherenceEstimator.rmssd([800, 810, 790, 805]) ?? 0) - 15.545631755148) < 1e-9)
        #expect(CoherenceEstimator.rmssd([800]) == nil)
    }

    @Test("6 breaths/min modulation: high coherence, peak at 0.1 Hz ± one bin, breathing rate 6")
    func coherentBreathing() throws {
        var estimator = CoherenceEstimator()
        estimator.add(contentsOf: Self.modulated(frequency: 0.1, noise: 5))
        let estimate = try #require(estimator.estimate())
        #expect(estimate.coherence > 0.8, "coherence \(estimate.coherence)")
        #expect(abs(estimate.peakFrequency - 0.1) <= 1.0 / 64, "peak \(estimate.peakFrequency)")
        #expect(abs(estimate.breathingRate - 6) < 0.5, "rate \(estimate.breathingRate)")
        #expect(abs(estimate.heartRate - 60_000 / 850) < 1)
    }

    @Test("white-noise RR intervals: low coherence (40 seeds: median < 0.1, 95 % < 0.3, all < 0.45)")
    func whiteNoise() throws {
        var values: [Double] = []
        for seed in UInt64(1)...40 {
            let intervals = Self.modulated(frequency: 0.1, amplitude: 0, noise: 40, seed: seed)
            values.append(try #require(CoherenceEstimator.analyze(intervals)).coherence)
        }
        values.sort()
        #expect(values[19] < 0.1, "median \(values[19])")
        #expect(values[37] < 0.3, "95th percentile \(values[37])")
        #expect(values[39] < 0.45, "max \(values[39])")
    }

    @Test("the peak follows the breathing rate", arguments: [0.05, 0.15, 0.2, 0.25])
    func otherRates(frequency: Double) throws {
        let estimate = try #require(CoherenceEstimator.analyze(Self.modulated(frequency: frequency, noise: 5)))
        #expect(abs(estimate.peakFrequency - frequency) <= 1.0 / 64, "peak \(estimate.peakFrequency)")
    }

    @Test("the phase at the last beat is recovered", arguments: [0.0, 1.0, 2.5, 4.0, 5.5])
    func phase(phase: Double) throws {
        let intervals = Self.modulated(frequency: 0.1, phase: phase)
        let end = intervals.reduce(0, +) / 1000
        let truth = CoherenceEstimator.wrap(2 * Double.pi * 0.1 * end + phase)
        let estimate = try #require(CoherenceEstimator.analyze(intervals))
        let error = abs(remainder(estimate.breathingPhase - truth, 2 * Double.pi))
        #expect(error < 0.5, "phase \(estimate.breathingPhase) truth \(truth)")
    }

    @Test("no estimate before 64 s of intervals; artefacts are refused; the store is bounded")
    func limits() {
        var estimator = CoherenceEstimator()
        estimator.add(contentsOf: Self.modulated(frequency: 0.1, seconds: 60))
        #expect(estimator.estimate() == nil)
        let refusedShort = estimator.add(rrInterval: 150)
        let refusedNaN = estimator.add(rrInterval: .nan)
        #expect(!refusedShort && !refusedNaN)
        for _ in 0..<1000 { estimator.add(rrInterval: 800) }
        #expect(estimator.rrIntervals.count == CoherenceEstimator.capacity)
        #expect(estimator.estimate()?.coherence == 0)  // a flat series has no power
    }

    @Test("a synthetic heart breathing at 6/min is coherent; one with heavy noise and no RSA is not")
    func syntheticHeart() throws {
        var random = SeededRandom(seed: 7)
        var calm = SyntheticHeart(baseHeartRate: 62, breathingRate: 6, rsaAmplitude: 60, noiseDeviation: 10)
        let calmEstimate = try #require(CoherenceEstimator.analyze(calm.intervals(100, using: &random)))
        #expect(calmEstimate.coherence > 0.7, "calm \(calmEstimate.coherence)")
        #expect(abs(calmEstimate.breathingRate - 6) < 1)
        var stressed = SyntheticHeart(baseHeartRate: 85, breathingRate: 16, rsaAmplitude: 0, noiseDeviation: 30)
        let stressedEstimate = try #require(CoherenceEstimator.analyze(stressed.intervals(120, using: &random)))
        #expect(stressedEstimate.coherence < 0.35, "stressed \(stressedEstimate.coherence)")
    }
}
