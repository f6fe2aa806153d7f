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
    /// `maximumDelay` samples per channel (the codec's look-ahead shifts its output).
    static func snr(reference: [Float], decoded: [Float], channels: Int, maximumDelay: Int = 960) -> Double {
        var best = -Double.infinity
        for delay in 0...maximumDelay {
            let shift = delay * channels
            let count = min(reference.count, decoded.count - shift)
            guard count > 0 else { break }
            var signal = 0.0
            var noise = 0.0
            for index in 0..<count {
                let wanted = Double(reference[index])
                signal += wanted * wanted
                let error = Double(decoded[index + shift]) - wanted
                noise += error * error
            }
            best = max(best, 10 * log10(signal / max(noise, 1e-12)))
        }
        return best
    }

    /// Root mean square of `samples`.
    static func rms(_ samples: some Collection<Float>) -> Double {
        guard !samples.isEmpty else { return 0 }
        return sqrt(samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count))
    }
}
