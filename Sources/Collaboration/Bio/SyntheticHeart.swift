import Foundation

/// A generator of realistic RR-interval series for demos and tests.
///
/// `RR = 60 000 / (baseHeartRate + drift) + rsaAmplitude · cos(θ) + noise` milliseconds, where
/// `θ = 2π · breathingRate/60 · t + phase` is the breathing phase at the beat ending the interval (so the modulation's
/// maximum is phase 0, the convention of `BioSample.breathingPhase`), `drift` a slow
/// Ornstein-Uhlenbeck wander of the heart rate (time constant 30 s, σ `driftDeviation` bpm) and
/// `noise` Gaussian (σ `noiseDeviation` ms). Randomness is passed in, so a seeded generator gives
/// a reproducible series.
public struct SyntheticHeart: Sendable {
    /// Resting heart rate, bpm.
    public var baseHeartRate: Double
    /// Breaths per minute (6 = the 0.1 Hz resonance of slow, coherent breathing).
    public var breathingRate: Double
    /// Peak respiratory sinus arrhythmia, ms.
    public var rsaAmplitude: Double
    /// Standard deviation of the beat-to-beat noise, ms.
    public var noiseDeviation: Double
    /// Standard deviation of the slow heart-rate wander, bpm.
    public var driftDeviation: Double
    /// Seconds since the first beat.
    public private(set) var time: Double = 0
    /// Breathing phase at `time`, radians in `0..<2π`.
    public private(set) var breathingPhase: Double

    private var drift = 0.0

    /// Creates a heart; `phase` is the breathing phase at time 0.
    public init(
        baseHeartRate: Double = 65,
        breathingRate: Double = 6,
        rsaAmplitude: Double = 60,
        noiseDeviation: Double = 10,
        driftDeviation: Double = 1.5,
        phase: Double = 0
    ) {
        self.baseHeartRate = baseHeartRate
        self.breathingRate = breathingRate
        self.rsaAmplitude = rsaAmplitude
        self.noiseDeviation = noiseDeviation
        self.driftDeviation = driftDeviation
        self.breathingPhase = CoherenceEstimator.wrap(phase)
    }

    /// The next RR interval in ms (clamped to 300...2000), advancing `time` and `breathingPhase`.
    public mutating func nextInterval(using random: inout some RandomNumberGenerator) -> Double {
        let rate = max(20, baseHeartRate + drift)
        let noise = noiseDeviation * Self.gaussian(using: &random)
        let phaseRate = 2 * Double.pi * breathingRate / 60 / 1000  // radians per ms
        // The modulation is read at the beat that ends the interval (the RR series' own
        // convention), so solve RR = base + A·cos(θ + ω·RR) by a few fixed-point steps.
        var clamped = 60_000 / rate
        for _ in 0..<4 {
            let interval = 60_000 / rate + rsaAmplitude * cos(breathingPhase + phaseRate * clamped) + noise
            clamped = min(max(interval, 300), 2000)
        }
        let seconds = clamped / 1000
        // Ornstein-Uhlenbeck step for the drift (time constant 30 s).
        let decay = exp(-seconds / 30)
        drift = drift * decay + driftDeviation * (1 - decay * decay).squareRoot() * Self.gaussian(using: &random)
        time += seconds
        breathingPhase = CoherenceEstimator.wrap(breathingPhase + 2 * Double.pi * breathingRate / 60 * seconds)
        return clamped
    }

    /// `count` intervals in a row.
    public mutating func intervals(_ count: Int, using random: inout some RandomNumberGenerator) -> [Double] {
        (0..<max(0, count)).map { _ in nextInterval(using: &random) }
    }

    /// A standard normal deviate (Box-Muller).
    static func gaussian(using random: inout some RandomNumberGenerator) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &random)
        let u2 = Double.random(in: 0..<1, using: &random)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
