import Dispatch
import Synchronization

/// The hand-over between the engine's threads and the recorder's writer thread: a bounded queue
/// that never makes the engine wait, a wake-up for the writer, and the finish request.
///
/// The engine side (``push(_:)``, ``finish(at:within:expire:)``) takes a lock for a few instructions and,
/// at most, signals a semaphore; only the writer thread ever blocks (``take(until:)``), and a
/// caller of ``finish(at:within:expire:)`` waits for it at most as long as it says.
final class RecordingQueue: Sendable {
    /// What the writer is handed each time it wakes.
    struct Batch {
        var items: [RecordingItem]
        /// Items dropped so far because the queue was full.
        var dropped: Int
        /// Set once a finish was asked for: after these items, write the end at this clock.
        var stop: Int64?
    }

    private struct State {
        var items: [RecordingItem] = []
        var dropped = 0
        var stop: Int64?
        /// The writer waits on the semaphore: the next push must signal it.
        var sleeping = false
        /// Callers of ``finish(at:within:expire:)`` waiting for the index, by number, and the index once written.
        var waiters: [Int: CheckedContinuation<RecordingIndex?, Never>] = [:]
        var nextWaiter = 0
        var result: RecordingIndex?
        /// Whether a caller of ``finish(at:within:expire:)`` gave up waiting.
        var abandoned = false
        /// Callers whose task was cancelled before they started waiting: they get `nil` at once.
        var gaveUp: Set<Int> = []
        var progress = Progress()
    }

    /// How far the writer got: what a finish that gave up waiting can say was not written.
    struct Progress: Sendable {
        /// What the writer thread was doing last (a file it was writing or syncing).
        var step = "creating the files and the first index.json"
        /// The index as of the writer's last update of it (figures up to its last checkpoint).
        var index: RecordingIndex?
        /// Items not known to be written: queued, or taken by the writer and still being handled.
        var queued = 0
        /// Items the writer took and is still handling.
        var inFlight = 0
        /// The index, once the writer is done.
        var result: RecordingIndex?
    }

    let limit: Int
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Queues `item`; when the queue is full or finishing, drops and counts it. Never waits.
    func push(_ item: RecordingItem) {
        let signal = state.withLock { state -> Bool in
            guard state.stop == nil, state.items.count < limit else {
                state.dropped += 1
                return false
            }
            state.items.append(item)
            return Self.wakeWriter(&state)
        }
        if signal { wake.signal() }
    }

    /// Asks the writer to write what is queued and the end at `clock` (the first request's clock
    /// wins); returns the index once it is written and the writer thread is done, or `nil` when
    /// `timeout` passes first (a hung disk): the writer goes on, and a later call may get it. A
    /// `nil` timeout waits for as long as the writer takes, or until the calling task is
    /// cancelled; a timed wait ignores cancellation (a stop in a cancelled task still ends the
    /// recording when the disk is well).
    ///
    /// - Parameter expire: arms the deadline, calling its closure once `timeout` has passed (a
    ///   test fires it at a moment of its choosing).
    func finish(at clock: Int64, within timeout: Duration?,
                expire: @Sendable (Duration, @escaping @Sendable () -> Void) -> Void = RecordingQueue.after) async -> RecordingIndex? {
        let waiter = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let (answer, signal) = state.withLock { state -> (RecordingIndex??, Bool) in
                    if let result = state.result { return (.some(result), false) }
                    // Cancelled before getting here: the handler found no continuation to resume.
                    if state.gaveUp.remove(waiter) != nil { return (.some(nil), false) }
                    state.stop = state.stop ?? clock
                    state.waiters[waiter] = continuation
                    return (nil, Self.wakeWriter(&state))
                }
                if let answer {
                    continuation.resume(returning: answer)
                    return
                }
                if signal { wake.signal() }
                if let timeout { expire(timeout) { [self] in giveUp(waiter) } }
            }
        } onCancel: {
            if timeout == nil { giveUp(waiter) }
        }
    }

    /// The default deadline: `fire` runs on a global queue once `timeout` has passed.
    static func after(_ timeout: Duration, _ fire: @escaping @Sendable () -> Void) {
        let nanoseconds = Int(min(timeout, .seconds(86_400)) / .nanoseconds(1))
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(max(0, nanoseconds)), execute: fire)
    }

    /// Caller `waiter` gives up (its deadline passed, or its task was cancelled): it gets `nil`,
    /// unless it was answered before.
    private func giveUp(_ waiter: Int) {
        let continuation = state.withLock { state -> CheckedContinuation<RecordingIndex?, Never>? in
            state.abandoned = true
            guard let continuation = state.waiters.removeValue(forKey: waiter) else {
                if state.result == nil { state.gaveUp.insert(waiter) }
                return nil
            }
            return continuation
        }
        continuation?.resume(returning: nil)
    }

    /// How far the writer got, for a caller whose ``finish(at:within:expire:)`` gave up.
    var progress: Progress {
        state.withLock { state in
            var progress = state.progress
            progress.queued = state.items.count + state.progress.inFlight
            progress.result = state.result
            return progress
        }
    }

    /// For the writer thread: notes what it starts on now (a file to write or sync).
    func working(on step: String) {
        var replaced = step
        state.withLock { swap(&$0.progress.step, &replaced) }
        // The previous value is released here, not inside the lock that `push` takes.
        withExtendedLifetime(replaced) {}
    }

    /// For the writer thread: notes the index it just updated.
    func updated(_ index: RecordingIndex) {
        var replaced: RecordingIndex? = index
        state.withLock { swap(&$0.progress.index, &replaced) }
        // The previous index is released here, not inside the lock that `push` takes.
        withExtendedLifetime(replaced) {}
    }

    /// For the writer thread: notes how many taken items it is handling (0 once they are done).
    func handling(_ count: Int) {
        state.withLock { $0.progress.inFlight = count }
    }

    /// Stops taking items and has the writer end at `clock` without waiting for it: for a
    /// recorder dropped unfinished.
    func stop(at clock: Int64) {
        let signal = state.withLock { state -> Bool in
            guard state.stop == nil else { return false }
            state.stop = clock
            return Self.wakeWriter(&state)
        }
        if signal { wake.signal() }
    }

    /// For the writer thread: what is queued, waiting first until something is, a finish is
    /// asked for or `deadline` passes (then the batch may be empty).
    func take(until deadline: DispatchTime) -> Batch {
        let ready = state.withLock { state -> Bool in
            guard state.items.isEmpty, state.stop == nil else { return true }
            state.sleeping = true
            return false
        }
        if !ready { _ = wake.wait(timeout: deadline) }
        return state.withLock { state in
            // After a timeout the flag may still be set; a push that cleared it and signalled
            // late leaves the semaphore at 1, which only makes the next wait return at once.
            state.sleeping = false
            defer { state.items.removeAll() }
            return Batch(items: state.items, dropped: state.dropped, stop: state.stop)
        }
    }

    /// For the writer thread, its last act: hands `index` to every caller of ``finish(at:within:expire:)``,
    /// present and future. Returns whether a caller gave up waiting before (then nobody was told
    /// that the end got written after all).
    @discardableResult
    func finished(with index: RecordingIndex) -> Bool {
        let (waiters, abandoned) = state.withLock { state in
            state.result = index
            defer { state.waiters = [:] }
            return (Array(state.waiters.values), state.abandoned)
        }
        for waiter in waiters { waiter.resume(returning: index) }
        return abandoned
    }

    /// Whether the writer sleeps and must be signalled; clears the flag so one signal suffices.
    private static func wakeWriter(_ state: inout State) -> Bool {
        defer { state.sleeping = false }
        return state.sleeping
    }
}
