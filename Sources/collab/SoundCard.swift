import Collaboration
import Foundation
import Opus
import RTCBase
import Synchronization

/// Stands in for an audio interface's duplex callback: a thread of its own, woken by the
/// monotonic clock every `period` as a sound card's interrupt wakes its callback, that captures
/// (a stereo tone sent with `send(audio:)`, when `capture` is set) and renders (pulls
/// `engine.audioOutput`, keeping the loudest sample; the demo has no speakers).
///
/// It is not a real-time thread, so it may encode (`send(audio:)` does; a real application hands
/// its capture to such a thread instead of encoding in the device's callback), and it plays the
/// ``Musician``'s MIDI and bio too, when given one.
///
/// A thread rather than a sleeping task: a task's sleep costs two thread wake-ups (the timer
/// thread, then a worker), which at 200 periods a second was the harness's cost, not the engine's.
final class SoundCard: Sendable {
    /// What the thread did, once it has ended.
    struct Outcome: Sendable {
        /// The loudest sample it rendered.
        var peak: Float
        /// MIDI events its musician sent (0 without one).
        var midiSent: Int
    }

    private struct Shared: ~Copyable {
        var stop = false
        var outcome: Outcome?
        var waiters: [CheckedContinuation<Outcome, Never>] = []
    }

    private let shared = Mutex(Shared())

    /// Starts the thread; `index` picks the tone (220 Hz × (index + 1)); `musician`, if any, plays
    /// on it from the first period to the last.
    init(engine: CollaborationEngine, index: Int, capture: Bool, musician: Musician? = nil) {
        // Wake once per audio frame, at most every 10 ms and at least every 2.5 ms.
        let frame = engine.configuration.audio.frameDuration.microseconds
        let period = Int64(min(max(frame, 2_500), 10_000))
        NamedThread.start(name: "collab.sound") { [self] in
            var tone = capture ? ToneCapture(engine: engine, frequency: 220 * Double(index + 1)) : nil
            var speaker = AudioCallback(engine: engine, frames: Int(period) * 48 / 1000)
            var musician = musician
            let clock = ContinuousClock()
            let start = clock.now
            var deadline = start
            while !self.shared.withLock({ $0.stop }) {
                deadline += .microseconds(period)
                // A plain sleep of this thread, to the absolute deadline so periods do not drift.
                while case let left = clock.now.duration(to: deadline), left > .zero {
                    usleep(useconds_t(left.rtcNanoseconds / 1_000))
                }
                let now = clock.now
                // After a stall (a suspended laptop), do not run the missed periods back to back.
                if now - deadline > .microseconds(4 * period) { deadline = now }
                tone?.capture(upTo: (now - start).rtcNanoseconds / 1_000)
                speaker.render()
                musician?.play(until: now)
            }
            musician?.finish()
            let outcome = Outcome(peak: speaker.peak, midiSent: musician?.sent ?? 0)
            let waiters = self.shared.withLock { state -> [CheckedContinuation<Outcome, Never>] in
                state.outcome = outcome
                defer { state.waiters = [] }
                return state.waiters
            }
            // The thread's last act: a caller of `stop()` resumes only when it has nothing left to do.
            for waiter in waiters { waiter.resume(returning: outcome) }
        }
    }

    /// Stops the thread after its current period (its musician releases its note) and returns,
    /// once the thread is done, what it did. Later calls return the same.
    @discardableResult
    func stop() async -> Outcome {
        await withCheckedContinuation { continuation in
            let outcome = shared.withLock { state -> Outcome? in
                state.stop = true
                if state.outcome == nil { state.waiters.append(continuation) }
                return state.outcome
            }
            if let outcome { continuation.resume(returning: outcome) }
        }
    }
}
