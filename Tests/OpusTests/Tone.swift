import Foundation

/// A known signal and the measures the codec tests compare against it.
enum Tone {
    /// `frames` frames of an interleaved sine (two tones, so stereo channels differ), starting at `start` samples.
    static func frames(count: Int, samples: Int, channels: Int, start: Int = 0) -> [[Float]] {
        (0..<count).map { frame in
            var pcm: [Float] = []
            pcm.reserveCapacity(samples * channels)
            for index in 0..<samples {
                let t = Double(start + frame * samples + index) / 48_000
                for channel in 0..<channels {
                    let frequency = channel == 0 ? 440.0 : 660.0
                    pcm.append(Float(0.4 * sin(2 * Double.pi * frequency * t)))
                }
            }
            return pcm
        }
    }

    /// The signal-to-noise ratio, dB, of `decoded` against `reference` at the best delay up to
    /// `maximumDelay` samples per channel (the codec's look-ahead shifts its output). The delay is
    /// found on the first `searchWindow` samples per channel, then measured over the whole
    /// signal: every delay over every sample took seconds of a debug build's CPU per case, on a
    /// thread of the pool every other test's tasks wait for.
    static func snr(reference: [Float], decoded: [Float], channels: Int, maximumDelay: Int = 960,
                    searchWindow: Int = 2_400) -> Double {
        reference.withUnsafeBufferPointer { reference in
            decoded.withUnsafeBufferPointer { decoded in
                func ratio(delay: Int, limit: Int) -> Double? {
                    let shift = delay * channels
                    let count = min(limit, reference.count, decoded.count - shift)
                    guard count > 0 else { return nil }
                    var signal = 0.0
                    var noise = 0.0
                    for index in 0..<count {
                        let wanted = Double(reference[index])
                        signal += wanted * wanted
                        let error = Double(decoded[index + shift]) - wanted
                        noise += error * error
                    }
                    return signal / max(noise, 1e-12)
                }
                var best = (delay: 0, ratio: -Double.infinity)
                for delay in 0...maximumDelay {
                    guard let found = ratio(delay: delay, limit: searchWindow * channels) else { break }
                    if found > best.ratio { best = (delay, found) }
                }
                guard let whole = ratio(delay: best.delay, limit: .max) else { return -.infinity }
                return 10 * log10(whole)
            }
        }
    }

    /// Root mean square of `samples`.
    static func rms(_ samples: some Collection<Float>) -> Double {
        guard !samples.isEmpty else { return 0 }
        return sqrt(samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count))
    }
}
