import Foundation
import Synchronization

/// Envelopes waiting for the sender task, in order, bounded: the hub hands them over without
/// waiting, and the sender takes everything queued at once (one batch per round trip). The queue
/// going from empty to not empty is what wakes the sender (one buffered wake-up at most), so a
/// sender that finds it empty always has a wake-up coming for the next envelope.
///
/// Bounded by envelopes and by bytes (``ClusterQueueBound``).
final class ClusterOutbox: Sendable {
    /// An envelope for `instance`, and when it was queued (for `collab_cluster_notify_wait_seconds`).
    typealias Queued = (instance: UUID, envelope: ClusterEnvelope, queued: ContinuousClock.Instant)

    private struct State {
        var queue: [Queued] = []
        var bytes = 0
    }

    private let state = Mutex(State())
    private let bound: ClusterQueueBound
    private let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    init(limit: Int, byteLimit: Int = .max) {
        bound = ClusterQueueBound(limit: limit, byteLimit: byteLimit)
    }

    /// Queues an envelope for `instance`; false when the queue is full by count or by bytes
    /// (it is dropped).
    func put(_ envelope: ClusterEnvelope, to instance: UUID) -> Bool {
        let now = ContinuousClock.now
        let weight = envelope.weight
        let (queued, first) = state.withLock { state -> (Bool, Bool) in
            guard bound.admits(count: state.queue.count, bytes: state.bytes, adding: 1, weight: weight) else { return (false, false) }
            state.queue.append((instance, envelope, now))
            state.bytes += weight
            return (true, state.queue.count == 1)
        }
        // Only the first envelope after a take wakes the sender: it takes everything queued when
        // it runs, so the later ones ride on that wake-up (a yield per envelope cost as much as
        // the rest of the hand-over).
        if first { wake.yield(()) }
        return queued
    }

    /// Bytes queued now, as ``ClusterEnvelope/weight`` counts them.
    var queuedBytes: Int {
        state.withLock { $0.bytes }
    }

    /// Everything queued, oldest first; waits while there is nothing. Nil once finished.
    func takeAll() async -> [Queued]? {
        for await _ in wakeups {
            let taken = state.withLock { state in
                defer {
                    state.queue.removeAll(keepingCapacity: true)
                    state.bytes = 0
                }
                return state.queue
            }
            if !taken.isEmpty { return taken }
        }
        return nil
    }

    func finish() {
        wake.finish()
    }
}
