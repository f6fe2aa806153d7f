import Collaboration
import Foundation
import Opus
import Synchronization

/// Stands in for an audio interface's duplex callback: a thread of its own, woken by the
/// monotonic clock every `period` as a sound card's interrupt wakes its callback, that captures
/// (a stereo tone sent with `send(audio:)`, when `capture` is set) and renders (pulls
/// `engine.audioOutput`, keeping the loudest sample; the demo has no speakers).
///
/// It is not a real-time thread, so it may encode (`send(audio:)` does; a real application hands
/// its capture to such a thread instead of encoding in the device's callback).
///
/// A thread rather than a sleeping task: a task's sleep costs two thread wake-ups (the timer
/// thread, then a worker), which at 200 periods a second was the harness's cost, not the engine's.
final class SoundCard: Sendable {
    private struct Shared: ~Copyable {
        var stop = false
        var peak: Float?
        var waiters: [CheckedContinuation<Float, Never>] = []
    }

    private let shared = Mutex(Shared())

    /// Starts the thread; `index` picks the tone (220 Hz × (index + 1)).
    init(engine: CollaborationEngine, index: Int, capture: Bool) {
        // Wake once per audio frame, at most every 10 ms and at least every 2.5 ms.
        let frame = engine.configuration.audio.frameDuration.microseconds
        let period = Int64(min(max(frame, 2_500), 10_000))
        let thread = Thread { [self] in
            var tone = capture ? ToneCapture(engine: engine, frequency: 220 * Double(index + 1)) : nil
            var speaker = AudioCallback(engine: engine, frames: Int(period) * 48 / 1000)
            let clock = ContinuousClock()
            let start = clock.now
            var deadline = start
            while !self.shared.withLock({ $0.stop }) {
                deadline += .microseconds(period)
                // A plain sleep of this thread, to the absolute deadline so periods do not drift.
                while case let left = clock.now.duration(to: deadline), left > .zero {
                    usleep(useconds_t(left.nanoseconds / 1_000))
                }
                let now = clock.now
                // After a stall (a suspended laptop), do not run the missed periods back to back.
                if now - deadline > .microseconds(4 * period) { deadline = now }
                tone?.capture(upTo: (now - start).nanoseconds / 1_000)
                speaker.render()
            }
            let waiters = self.shared.withLock { state -> [CheckedContinuation<Float, Never>] in
                state.peak = speaker.peak
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: speaker.peak) }
        }
        thread.name = "collab-soundcard"
        thread.start()
    }

    /// Stops the thread after its current period and returns the peak level it rendered.
    func stop() async -> Float {
        await withCheckedContinuation { continuation in
            let peak = shared.withLock { state -> Float? in
                state.stop = true
                if state.peak == nil { state.waiters.append(continuation) }
                return state.peak
            }
            if let peak { continuation.resume(returning: peak) }
        }
    }
}
