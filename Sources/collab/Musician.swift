import Collaboration
import Foundation

/// A simulated musician driving one engine at a musician's load: 10 ms frames of 16-bit stereo
/// PCM at 48 kHz (a sine), MIDI at `midiRate` events per second (note-on/off pairs), and a bio
/// sample 10 times a second from a synthetic heart through the coherence estimator.
struct Musician: Sendable {
    let engine: CollaborationEngine
    let index: Int
    let midiRate: Int
    let audio: Bool
    /// Whether to send the synthetic heart's bio samples (the terminal session may send MIDI or audio alone).
    var bio = true

    /// Runs until the task is cancelled.
    func run() async {
        var random = SystemRandomNumberGenerator()
        var heart = SyntheticHeart(
            baseHeartRate: 62 + 4 * Double(index), breathingRate: 6, rsaAmplitude: 50 + 10 * Double(index % 3),
            noiseDeviation: 8 + 4 * Double(index), phase: 0.4 * Double(index))
        var estimator = CoherenceEstimator()
        // 70 s of history so the estimator has its 64 s window from the first second.
        estimator.add(contentsOf: heart.intervals(Int(70 * (62 + 4 * Double(index)) / 60), using: &random))
        var estimate = estimator.estimate()
        var lastBeat = ContinuousClock.now
        var nextInterval = heart.nextInterval(using: &random)

        let frames = Self.sineFrames(frequency: 220 * Double(index + 1))
        var sequence: UInt32 = 0
        var mediaTime: UInt32 = 0
        var tick = 0
        var midiCredit = 0.0
        var note: UInt8?
        let clock = ContinuousClock()
        var deadline = clock.now
        while !Task.isCancelled {
            deadline += .milliseconds(10)
            try? await Task.sleep(until: deadline, clock: clock)
            tick += 1
            if audio, let frame = try? AudioFrame(sequence: sequence, timestamp: mediaTime, codec: .pcm16(channels: 2),
                                                  payload: frames[Int(sequence) % frames.count]) {
                try? engine.send(audio: frame)
                sequence &+= 1
                mediaTime &+= 480
            }
            midiCredit += Double(midiRate) / 100
            var events: [MIDIEvent] = []
            while midiCredit >= 1 {
                midiCredit -= 1
                if let held = note {
                    events.append(.noteOff(channel: UInt8(index % 16), note: held, timestamp: 0))
                    note = nil
                } else {
                    let pitch = UInt8(48 + (tick * 7 + index * 5) % 36)
                    events.append(.noteOn(channel: UInt8(index % 16), note: pitch, velocity: 64 + UInt8(tick % 60), timestamp: 0))
                    note = pitch
                }
            }
            if !events.isEmpty { try? engine.send(midi: events) }
            // Beats happen in real time; each updates the estimate.
            while clock.now - lastBeat >= .milliseconds(Int64(nextInterval)) {
                lastBeat += .milliseconds(Int64(nextInterval))
                estimator.add(rrInterval: nextInterval)
                estimate = estimator.estimate() ?? estimate
                nextInterval = heart.nextInterval(using: &random)
            }
            if bio, tick % 10 == 0, let estimate {
                let sinceBeat = (clock.now - lastBeat).seconds
                let phase = estimate.breathingPhase + 2 * Double.pi * estimate.breathingRate / 60 * sinceBeat
                try? engine.send(bio: BioSample(
                    heartRate: estimate.heartRate, rmssd: estimate.rmssd, coherence: estimate.coherence,
                    breathingRate: estimate.breathingRate, breathingPhase: phase,
                    rrIntervals: Array(estimator.rrIntervals.suffix(4))))
            }
        }
        if let held = note { try? engine.send(midi: [.noteOff(channel: UInt8(index % 16), note: held, timestamp: 0)]) }
    }

    /// 100 frames (1 s) of a stereo sine, 480 samples each, 16-bit little-endian.
    static func sineFrames(frequency: Double) -> [[UInt8]] {
        (0..<100).map { frame in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1920)
            for sample in 0..<480 {
                let t = Double(frame * 480 + sample) / 48_000
                let value = Int16(8000 * sin(2 * Double.pi * frequency * t))
                let raw = UInt16(bitPattern: value)
                for _ in 0..<2 {
                    bytes.append(UInt8(truncatingIfNeeded: raw))
                    bytes.append(UInt8(truncatingIfNeeded: raw >> 8))
                }
            }
            return bytes
        }
    }
}
