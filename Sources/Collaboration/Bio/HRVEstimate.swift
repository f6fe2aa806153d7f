/// What `CoherenceEstimator` reads from the last 64 s of RR intervals.
public struct HRVEstimate: Hashable, Sendable {
    /// Mean heart rate over the window, beats per minute (60 000 / mean RR).
    public let heartRate: Double
    /// RMSSD over the window's intervals, milliseconds.
    public let rmssd: Double
    /// Coherence 0...1: the peak fraction rescaled so broadband noise reads 0 and a single
    /// rhythm 1, `clamp((peakPowerFraction − 0.25) / 0.75, 0, 1)` (see `CoherenceEstimator`).
    public let coherence: Double
    /// Power within ±1 bin (±0.0156 Hz) of the spectral peak in 0.04-0.26 Hz, divided by the
    /// power in 0.0033-0.4 Hz; 0...1.
    public let peakPowerFraction: Double
    /// The peak's frequency in Hz, refined between bins by parabolic interpolation.
    public let peakFrequency: Double
    /// `60 × peakFrequency`: the breathing rate implied by respiratory sinus arrhythmia, per minute.
    public let breathingRate: Double
    /// Phase of the peak oscillation at the last beat, radians in `0..<2π`; 0 is the maximum of
    /// the RR modulation. Comparable between participants for group synchrony.
    public let breathingPhase: Double
}
