import Synchronization

/// What a connection's reader (its task) and its ``RelayFastPathHandler`` (on its event loop)
/// share: the message rate limit, which both take from, and whether the handler may relay a frame
/// itself. It may only when every data frame it passed to the task has been handled, so relays
/// never pass a message the client sent earlier (a join, a room-wide relay the hub sends).
final class InboundGate: Sendable {
    private struct State {
        var messages: TokenBucket
        /// Data frames passed to the task and not yet handled by it.
        var pending = 0
        /// The connection's seat, once the task has one; nil again for good when the task stops
        /// reading (after that, frames are left to the WebSocket layer, as before).
        var seat: RelaySeat?
        var stopped = false
    }

    private let state: Mutex<State>

    init(messagesPerSecond: Double, burst: Double, now: ContinuousClock.Instant) {
        state = Mutex(State(messages: TokenBucket(rate: messagesPerSecond, burst: burst, now: now)))
    }

    /// The task's rate limit: a token for each frame it reads.
    func take(now: ContinuousClock.Instant) -> Bool {
        state.withLock { $0.messages.take(now: now) }
    }

    /// The seat to relay a frame with, its token taken, when the handler may relay it itself: the
    /// task has its seat, has handled every frame passed to it and reads on. Nil leaves the frame to
    /// the task (which takes its token then).
    func fastPath(now: ContinuousClock.Instant) -> RelaySeat? {
        state.withLock { state in
            guard state.pending == 0, let seat = state.seat, state.messages.take(now: now) else { return nil }
            return seat
        }
    }

    /// The handler did not relay the frame after all (not a relay, or not the plain case): its
    /// token goes back, and the frame to the task.
    func refund() {
        state.withLock { $0.messages.refund() }
    }

    /// A data frame goes to the task.
    func passed() {
        state.withLock { $0.pending += 1 }
    }

    /// The task handled one frame passed to it (with everything it caused: the hub's replies and
    /// relays are queued).
    func handled() {
        state.withLock { $0.pending -= 1 }
    }

    /// The task has its seat: the handler may relay from now on.
    func open(_ seat: RelaySeat) {
        state.withLock { state in
            if !state.stopped { state.seat = seat }
        }
    }

    /// No more fast path: the task stopped reading or the client sent its close frame.
    func stop() {
        state.withLock { state in
            state.stopped = true
            state.seat = nil
        }
    }
}
