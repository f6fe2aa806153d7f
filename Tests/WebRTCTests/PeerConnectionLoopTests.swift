import RTCBase
import Synchronization
import Testing
import WebRTC

/// The loop's timers, which the engine's periodic work (tick, audio pump, MIDI) runs on.
@Suite("PeerConnectionLoop timers", .timeLimit(.minutes(1)))
struct PeerConnectionLoopTests {
    @Test func aOneShotRunsOnTheLoopAfterItsDelay() async throws {
        let loop = PeerConnectionLoop.next()
        let start = ContinuousClock.now
        let onLoop = try await withTimeout(.seconds(10), "the one-shot timer") {
            await withCheckedContinuation { continuation in
                loop.execute(after: .milliseconds(20)) { continuation.resume(returning: loop.inLoop) }
            }
        }
        #expect(onLoop)
        #expect(ContinuousClock.now - start >= .milliseconds(20))
    }

    @Test func aRepeatingTimerRunsUntilCancelledAndNotAfter() async throws {
        let loop = PeerConnectionLoop.next()
        let runs = Mutex((count: 0, waiter: CheckedContinuation<Void, Never>?.none))
        let timer = try await withTimeout(.seconds(10), "five runs") {
            let box = Mutex<LoopTimer?>(nil)
            await withCheckedContinuation { continuation in
                runs.withLock { $0.waiter = continuation }
                box.withLock {
                    $0 = loop.repeating(every: .milliseconds(2)) {
                        let waiter = runs.withLock { state -> CheckedContinuation<Void, Never>? in
                            state.count += 1
                            return state.count == 5 ? state.waiter.take() : nil
                        }
                        waiter?.resume()
                    }
                }
            }
            return box.withLock { $0 }
        }
        // Cancelled on the loop, so no run can be in flight; a run queued after it must not happen.
        let counted = try await withTimeout(.seconds(10), "the cancel") {
            await withCheckedContinuation { continuation in
                loop.execute {
                    timer?.cancel()
                    continuation.resume(returning: runs.withLock { $0.count })
                }
            }
        }
        // A one-shot after three more periods: the loop has passed the times the cancelled timer
        // would have run at.
        try await withTimeout(.seconds(10), "a later one-shot") {
            await withCheckedContinuation { continuation in
                loop.execute(after: .milliseconds(6)) { continuation.resume() }
            }
        }
        #expect(counted >= 5)
        #expect(runs.withLock { $0.count } == counted)
    }

    @Test func aCancelledOneShotNeverRuns() async throws {
        let loop = PeerConnectionLoop.next()
        let ran = Mutex(false)
        try await withTimeout(.seconds(10), "a later one-shot") {
            await withCheckedContinuation { continuation in
                // Armed and cancelled in one turn of the loop, so it cannot have fired in between.
                loop.execute {
                    loop.execute(after: .milliseconds(5)) { ran.withLock { $0 = true } }.cancel()
                    loop.execute(after: .milliseconds(15)) { continuation.resume() }
                }
            }
        }
        let didRun = ran.withLock { $0 }
        #expect(!didRun)
    }
}
