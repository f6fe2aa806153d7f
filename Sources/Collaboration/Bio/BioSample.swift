/// One participant's latest heart and breathing figures, sent on the `bio` channel (~10 Hz).
///
/// Values are sanitised on creation: non-finite numbers become 0, each value is clamped into its
/// range and stored at binary32 precision (the wire precision), so encoding then decoding gives
/// back an equal sample. Decoding, by contrast, refuses out-of-range values.
public struct BioSample: Hashable, Sendable {
    /// The most RR intervals one sample may carry.
    public static let maximumRRIntervals = 64
    /// Accepted heart rates, beats per minute.
    public static let heartRateRange: ClosedRange<Double> = 0...300
    /// Accepted RMSSD values, milliseconds.
    public static let rmssdRange: ClosedRange<Double> = 0...2000
    /// Accepted breathing rates, breaths per minute.
    public static let breathingRateRange: ClosedRange<Double> = 0...60
    /// Accepted RR intervals, milliseconds (200 ms = 300 bpm, 3000 ms = 20 bpm).
    public static let rrIntervalRange: ClosedRange<Double> = 200...3000

    /// When the sample was taken (for `breathingPhase`: the instant the phase refers to), in
    /// microseconds on the shared session clock. The engine stamps it on send.
    public var timestamp: Int64
    /// Heart rate, beats per minute.
    public let heartRate: Double
    /// RMSSD (root mean square of successive RR differences), milliseconds.
    public let rmssd: Double
    /// Cardiac coherence 0...1 (see `CoherenceEstimator` for the scale).
    public let coherence: Double
    /// Breathing rate, breaths per minute.
    public let breathingRate: Double
    /// Phase of the breathing cycle at `timestamp`, radians in `0..<2π`, if known; 0 is the
    /// maximum of the RR-interval modulation (see `CoherenceEstimator`). Feeds group synchrony.
    public let breathingPhase: Double?
    /// The newest RR intervals in milliseconds, oldest first, at most `maximumRRIntervals`.
    public let rrIntervals: [Double]?

    /// Creates a sample, sanitising every value (see the type's summary). RR intervals outside
    /// `rrIntervalRange` are dropped and only the newest `maximumRRIntervals` are kept.
    public init(
        heartRate: Double,
        rmssd: Double,
        coherence: Double,
        breathingRate: Double,
        breathingPhase: Double? = nil,
        rrIntervals: [Double]? = nil,
        timestamp: Int64 = 0
    ) {
        self.timestamp = timestamp
        self.heartRate = Self.sanitise(heartRate, into: Self.heartRateRange)
        self.rmssd = Self.sanitise(rmssd, into: Self.rmssdRange)
        self.coherence = Self.sanitise(coherence, into: 0...1)
        self.breathingRate = Self.sanitise(breathingRate, into: Self.breathingRateRange)
        self.breathingPhase = breathingPhase.map(Self.wrapPhase)
        self.rrIntervals = rrIntervals.map { intervals in
            intervals.filter { $0.isFinite && Self.rrIntervalRange.contains($0) }
                .suffix(Self.maximumRRIntervals)
                .map { Double(Float($0)) }
        }
    }

    static func sanitise(_ value: Double, into range: ClosedRange<Double>) -> Double {
        guard value.isFinite else { return 0 }
        return Double(Float(min(max(value, range.lowerBound), range.upperBound)))
    }

    /// Wraps an angle into `0..<2π` at binary32 precision; non-finite angles become 0.
    static func wrapPhase(_ angle: Double) -> Double {
        guard angle.isFinite else { return 0 }
        let twoPi = 2 * Double.pi
        var wrapped = angle.truncatingRemainder(dividingBy: twoPi)
        if wrapped < 0 { wrapped += twoPi }
        let stored = Double(Float(wrapped))
        return stored < twoPi ? stored : 0
    }
}
