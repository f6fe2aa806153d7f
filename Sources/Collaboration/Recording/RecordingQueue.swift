import Dispatch
import Synchronization

/// The hand-over between the engine's threads and the recorder's writer thread: a bounded queue
/// that never makes the engine wait, a wake-up for the writer, and the finish request.
///
/// The engine side (``push(_:)``, ``finish(at:)``) takes a lock for a few instructions and, at
/// most, signals a semaphore; only the writer thread ever blocks (``take(until:)``).
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
        /// Callers of ``finish(at:)`` waiting for the index, and the index once written.
        var waiters: [CheckedContinuation<RecordingIndex, Never>] = []
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
    /// wins); returns the index once it is written and the writer thread is done.
    func finish(at clock: Int64) async -> RecordingIndex {
        await withCheckedContinuation { continuation in
            let (written, signal) = state.withLock { state -> (RecordingIndex?, Bool) in
                if let result = state.result { return (result, false) }
                state.stop = state.stop ?? clock
                state.waiters.append(continuation)
                return (nil, Self.wakeWriter(&state))
            }
            if let written { continuation.resume(returning: written) }
            if signal { wake.signal() }
        }
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

    /// For the writer thread, its last act: hands `index` to every caller of ``finish(at:)``,
    /// present and future.
    func finished(with index: RecordingIndex) {
        let waiters = state.withLock { state in
            state.result = index
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: index) }
    }

    /// Whether the writer sleeps and must be signalled; clears the flag so one signal suffices.
    private static func wakeWriter(_ state: inout State) -> Bool {
        defer { state.sleeping = false }
        return state.sleeping
    }
}
