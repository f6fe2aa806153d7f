import Collaboration
import Foundation
import Opus

/// A stereo sine "captured" in frames of the room's size and sent with `send(audio:)` (Opus or
/// PCM per link, as the engine decides).
struct ToneCapture {
    let engine: CollaborationEngine
    let frequency: Double
    /// Samples per channel captured so far.
    private var captured = 0

    init(engine: CollaborationEngine, frequency: Double) {
        self.engine = engine
        self.frequency = frequency
    }

    /// Sends the frames due after `elapsed` microseconds of playing.
    mutating func capture(upTo elapsed: Int64) {
        // The room's frame size may change (the host's settings): capture in what it is now.
        let settings = engine.audioSettings
        while Int64(captured) * 1_000_000 / 48_000 < elapsed {
            try? engine.send(audio: Self.sine(frequency: frequency, from: captured, settings: settings))
            captured += settings.frameDuration.samples
        }
    }

    /// One frame of a stereo sine from sample `start`, interleaved floats.
    static func sine(frequency: Double, from start: Int, settings: AudioSettings) -> [Float] {
        var samples: [Float] = []
        samples.reserveCapacity(settings.samplesPerFrame)
        for index in 0..<settings.frameDuration.samples {
            let value = Float(0.25 * sin(2 * Double.pi * frequency * Double(start + index) / 48_000))
            for _ in 0..<settings.channels { samples.append(value) }
        }
        return samples
    }
}
