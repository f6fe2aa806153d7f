import Foundation
import DequeModule

/// Turns a stream of RR intervals into RMSSD, cardiac coherence and breathing rate and phase.
///
/// Method (documented with its scale in docs/PAYLOADS.md, "Bio scales"):
/// 1. Beat times are the running sum of the intervals; each interval is a sample of the RR
///    series at the beat that ends it.
/// 2. The last 64 s are resampled at 2 Hz by linear interpolation: 128 points ending at the last
///    beat.
/// 3. The least-squares line is removed (detrend) and a periodic Hann window applied.
/// 4. A 128-point real FFT gives bins `k / 64 Hz` (0.0156 Hz apart); power `P[k] = |X[k]|²`.
/// 5. The peak is the strongest bin with frequency in 0.04...0.26 Hz (bins 3...16).
/// 6. Peak fraction `F = Σ P[peak−1...peak+1] / Σ P[k]` over 0.0033...0.4 Hz (bins 1...25).
///    Then `coherence = clamp((F − 0.25) / 0.75, 0, 1)`: 0.25 is what broadband (white) RR
///    noise gives on average (measured: mean 0.27, 95th percentile 0.43, because the peak is the
///    largest of 14 noisy bins and Hann leakage adds its neighbours), so the scale reads 0 for
///    noise and 1 when all the power sits in one rhythm (a pure sinusoid gives F ≈ 0.97).
/// 7. The peak frequency is refined by parabolic interpolation of the three bins around it
///    (breathing rate = 60 × frequency). The peak bin's phase referred to the window's centre
///    (`arg X[k] + πk`, independent of the fractional offset for a symmetric window) is carried
///    to the last sample at the refined frequency.
///
/// Intervals outside 200...3000 ms are refused as artefacts. The estimator keeps at most
/// `capacity` intervals (enough for 64 s at 300 bpm).
public struct CoherenceEstimator: Sendable {
    /// Seconds of RR series analysed.
    public static let windowDuration = 64.0
    /// Resampling rate, Hz.
    public static let sampleRate = 2.0
    /// FFT length: `windowDuration × sampleRate`.
    public static let pointCount = 128
    /// Where the peak is searched, Hz.
    public static let peakSearchBand: ClosedRange<Double> = 0.04...0.26
    /// The band total power is measured over, Hz.
    public static let totalPowerBand: ClosedRange<Double> = 0.0033...0.4
    /// Bins on each side of the peak counted as peak power (1 bin = 0.015625 Hz).
    public static let peakHalfWidth = 1
    /// The peak fraction broadband noise gives on average: the zero of the coherence scale.
    public static let noiseFraction = 0.25
    /// The most intervals kept.
    public static let capacity = 400

    private static let fft = RealFFT(count: pointCount)

    private var intervals: Deque<Double> = []

    /// Creates an empty estimator.
    public init() {}

    /// The intervals held, oldest first (milliseconds).
    public var rrIntervals: [Double] { Array(intervals) }

    /// Adds one RR interval in milliseconds; returns `false` (and ignores it) outside 200...3000 ms.
    @discardableResult
    public mutating func add(rrInterval: Double) -> Bool {
        guard rrInterval.isFinite, BioSample.rrIntervalRange.contains(rrInterval) else { return false }
        if intervals.count == Self.capacity { intervals.removeFirst() }
        intervals.append(rrInterval)
        return true
    }

    /// Adds several intervals, oldest first.
    public mutating func add(contentsOf rrIntervals: some Sequence<Double>) {
        for interval in rrIntervals { add(rrInterval: interval) }
    }

    /// Forgets every interval (a new sensor, a long gap).
    public mutating func reset() { intervals.removeAll() }

    /// The estimate over the last 64 s, or `nil` until the intervals held span 64 s.
    public func estimate() -> HRVEstimate? { Self.analyze(Array(intervals)) }

    /// RMSSD of consecutive intervals: `sqrt(mean((RR[i+1] − RR[i])²))`, ms; `nil` under 2 intervals.
    public static func rmssd(_ intervals: [Double]) -> Double? {
        guard intervals.count >= 2 else { return nil }
        var sum = 0.0
        for index in 1..<intervals.count {
            let difference = intervals[index] - intervals[index - 1]
            sum += difference * difference
        }
        return (sum / Double(intervals.count - 1)).squareRoot()
    }

    /// Analyses RR intervals (ms, oldest first, already free of artefacts); `nil` unless they
    /// span the 64 s window.
    public static func analyze(_ intervals: [Double]) -> HRVEstimate? {
        guard intervals.count >= 2, intervals.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
        // Beat times in seconds, the first interval ending at its own length.
        var times: [Double] = []
        times.reserveCapacity(intervals.count)
        var clock = 0.0
        for interval in intervals {
            clock += interval / 1000
            times.append(clock)
        }
        guard let end = times.last else { return nil }
        let step = 1 / sampleRate
        let start = end - Double(pointCount - 1) * step
        guard let first = times.first, first <= start else { return nil }

        // Resample at 2 Hz (linear interpolation between beats).
        var series = [Double](repeating: 0, count: pointCount)
        var beat = 0
        for index in 0..<pointCount {
            let t = start + Double(index) * step
            while beat + 1 < times.count - 1 && times[beat + 1] < t { beat += 1 }
            let t0 = times[beat], t1 = times[beat + 1]
            let fraction = t1 > t0 ? min(max((t - t0) / (t1 - t0), 0), 1) : 0
            series[index] = intervals[beat] + fraction * (intervals[beat + 1] - intervals[beat])
        }
        // RMSSD and heart rate over the beats inside the window.
        let windowed = Array(intervals[(times.firstIndex { $0 >= start } ?? 0)...])
        let meanRR = windowed.reduce(0, +) / Double(windowed.count)

        let spectrum = powerSpectrum(of: series)
        let binWidth = sampleRate / Double(pointCount)
        let totalBins = bins(in: totalPowerBand, binWidth: binWidth)
        let searchBins = bins(in: peakSearchBand, binWidth: binWidth)
        let total = totalBins.reduce(0) { $0 + spectrum.power[$1] }
        guard let peak = searchBins.max(by: { spectrum.power[$0] < spectrum.power[$1] }) else { return nil }
        let band = (peak - peakHalfWidth)...(peak + peakHalfWidth)
        let peakPower = band.reduce(0) { $0 + spectrum.power[$1] }
        let fraction = total > 0 ? min(max(peakPower / total, 0), 1) : 0
        let coherence = min(max((fraction - noiseFraction) / (1 - noiseFraction), 0), 1)

        // Parabolic refinement of the peak, then its phase carried to the last sample.
        let left = spectrum.power[peak - 1], centre = spectrum.power[peak], right = spectrum.power[peak + 1]
        let curvature = left - 2 * centre + right
        let delta = curvature < 0 ? min(max(0.5 * (left - right) / curvature, -0.5), 0.5) : 0
        let frequency = (Double(peak) + delta) * binWidth
        // For a window symmetric about sample N/2, the peak bin's phase referred to that centre
        // is arg X[k] + πk whatever the fractional offset; carry it from there to the last sample.
        let centrePhase = atan2(spectrum.im[peak], spectrum.re[peak]) + Double.pi * Double(peak)
        let endPhase = centrePhase + 2 * Double.pi * frequency * Double(pointCount / 2 - 1) * step

        return HRVEstimate(
            heartRate: 60_000 / meanRR,
            rmssd: rmssd(windowed) ?? 0,
            coherence: coherence,
            peakPowerFraction: fraction,
            peakFrequency: frequency,
            breathingRate: 60 * frequency,
            breathingPhase: wrap(endPhase)
        )
    }

    /// Detrends, windows and transforms; power per bin `0...pointCount/2`.
    static func powerSpectrum(of series: [Double]) -> (power: [Double], re: [Double], im: [Double]) {
        let n = Double(series.count)
        let meanX = (n - 1) / 2
        let meanY = series.reduce(0, +) / n
        var covariance = 0.0, variance = 0.0
        for (index, value) in series.enumerated() {
            covariance += (Double(index) - meanX) * (value - meanY)
            variance += (Double(index) - meanX) * (Double(index) - meanX)
        }
        let slope = variance > 0 ? covariance / variance : 0
        let prepared = series.enumerated().map { index, value in
            let detrended = value - (meanY + slope * (Double(index) - meanX))
            let window = 0.5 * (1 - cos(2 * Double.pi * Double(index) / n))
            return detrended * window
        }
        let (re, im) = fft.transform(prepared)
        let power = zip(re, im).map { $0 * $0 + $1 * $1 }
        return (power, re, im)
    }

    private static func bins(in band: ClosedRange<Double>, binWidth: Double) -> ClosedRange<Int> {
        let low = max(1, Int((band.lowerBound / binWidth).rounded(.up)))
        let high = min(pointCount / 2 - 1, Int((band.upperBound / binWidth).rounded(.down)))
        return low...max(low, high)
    }

    static func wrap(_ angle: Double) -> Double {
        let twoPi = 2 * Double.pi
        let wrapped = angle.truncatingRemainder(dividingBy: twoPi)
        return wrapped < 0 ? wrapped + twoPi : wrapped
    }
}
