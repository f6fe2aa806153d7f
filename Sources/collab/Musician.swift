import Collaboration
import Foundation
import Opus

/// A simulated musician driving one engine at a musician's load: MIDI at `midiRate` events per
/// second (note-on/off pairs) and a bio sample 10 times a second from a synthetic heart through
/// the coherence estimator. Its audio is the ``SoundCard``'s tone.
struct Musician: Sendable {
    let engine: CollaborationEngine
    let index: Int
    let midiRate: Int
    /// Whether to send the synthetic heart's bio samples (the terminal session may send MIDI or audio alone).
    var bio = true

    /// Runs until the task is cancelled; returns the MIDI events it sent.
    @discardableResult
    func run() async -> Int {
        var sent = 0
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

        var tick = 0
        var midiCredit = 0.0
        var note: UInt8?
        let clock = ContinuousClock()
        var deadline = clock.now
        while !Task.isCancelled {
            deadline += .milliseconds(10)
            try? await Task.sleep(until: deadline, clock: clock)
            tick += 1
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
            if !events.isEmpty, (try? engine.send(midi: events)) != nil { sent += events.count }
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
        if let held = note, (try? engine.send(midi: [.noteOff(channel: UInt8(index % 16), note: held, timestamp: 0)])) != nil {
            sent += 1
        }
        return sent
    }
}
