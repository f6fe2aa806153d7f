import Collaboration
import Foundation
import Opus
import RTCBase

/// A simulated musician driving one engine at a musician's load: MIDI at `midiRate` events per
/// second (note-on/off pairs) and a bio sample 10 times a second from a synthetic heart through
/// the coherence estimator. Its audio is the ``SoundCard``'s tone.
///
/// It plays in steps of 10 ms, driven by its ``SoundCard``'s thread (``play(until:)`` once per
/// period), not by a sleeping task: a task's sleep costs two thread wake-ups (the timer thread,
/// then a worker), which at 100 steps a second per participant was the harness's cost, not the engine's.
struct Musician: Sendable {
    let engine: CollaborationEngine
    let index: Int
    let midiRate: Int
    /// Whether to send the synthetic heart's bio samples (the terminal session may send MIDI or audio alone).
    let bio: Bool
    /// MIDI events sent so far.
    private(set) var sent = 0

    private static let step = Duration.milliseconds(10)
    private var random = SystemRandomNumberGenerator()
    private var heart: SyntheticHeart
    private var estimator = CoherenceEstimator()
    private var estimate: HRVEstimate?
    private var lastBeat: ContinuousClock.Instant
    private var nextInterval: Double
    private var nextStep: ContinuousClock.Instant
    private var steps = 0
    private var midiCredit = 0.0
    private var note: UInt8?

    init(engine: CollaborationEngine, index: Int, midiRate: Int, bio: Bool = true) {
        self.engine = engine
        self.index = index
        self.midiRate = midiRate
        self.bio = bio
        heart = SyntheticHeart(
            baseHeartRate: 62 + 4 * Double(index), breathingRate: 6, rsaAmplitude: 50 + 10 * Double(index % 3),
            noiseDeviation: 8 + 4 * Double(index), phase: 0.4 * Double(index))
        // 70 s of history so the estimator has its 64 s window from the first second.
        estimator.add(contentsOf: heart.intervals(Int(70 * (62 + 4 * Double(index)) / 60), using: &random))
        estimate = estimator.estimate()
        nextInterval = heart.nextInterval(using: &random)
        lastBeat = .now
        nextStep = lastBeat + Self.step
    }

    /// Plays every 10 ms step due by `now`; after a stall (a suspended laptop), not the missed
    /// ones back to back.
    mutating func play(until now: ContinuousClock.Instant) {
        if now - nextStep > Self.step * 4 { nextStep = now }
        while nextStep <= now {
            nextStep += Self.step
            playStep(now: now)
        }
    }

    /// Releases the note still held, if any: the last call, once the playing stops.
    mutating func finish() {
        if let held = note, (try? engine.send(midi: [.noteOff(channel: UInt8(index % 16), note: held, timestamp: 0)])) != nil {
            sent += 1
        }
        note = nil
    }

    private mutating func playStep(now: ContinuousClock.Instant) {
        steps += 1
        midiCredit += Double(midiRate) / 100
        var events: [MIDIEvent] = []
        while midiCredit >= 1 {
            midiCredit -= 1
            if let held = note {
                events.append(.noteOff(channel: UInt8(index % 16), note: held, timestamp: 0))
                note = nil
            } else {
                let pitch = UInt8(48 + (steps * 7 + index * 5) % 36)
                events.append(.noteOn(channel: UInt8(index % 16), note: pitch, velocity: 64 + UInt8(steps % 60), timestamp: 0))
                note = pitch
            }
        }
        if !events.isEmpty, (try? engine.send(midi: events)) != nil { sent += events.count }
        // Beats happen in real time; each updates the estimate.
        while now - lastBeat >= .milliseconds(Int64(nextInterval)) {
            lastBeat += .milliseconds(Int64(nextInterval))
            estimator.add(rrInterval: nextInterval)
            estimate = estimator.estimate() ?? estimate
            nextInterval = heart.nextInterval(using: &random)
        }
        if bio, steps % 10 == 0, let estimate {
            let sinceBeat = (now - lastBeat).rtcSeconds
            let phase = estimate.breathingPhase + 2 * Double.pi * estimate.breathingRate / 60 * sinceBeat
            try? engine.send(bio: BioSample(
                heartRate: estimate.heartRate, rmssd: estimate.rmssd, coherence: estimate.coherence,
                breathingRate: estimate.breathingRate, breathingPhase: phase,
                rrIntervals: Array(estimator.rrIntervals.suffix(4))))
        }
    }
}
