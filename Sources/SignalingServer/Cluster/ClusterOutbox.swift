import Foundation
import Synchronization

/// Envelopes waiting for the sender task, in order, bounded: the hub hands them over without
/// waiting, and the sender takes everything queued at once (one batch per round trip). The queue
/// going from empty to not empty is what wakes the sender (one buffered wake-up at most), so a
/// sender that finds it empty always has a wake-up coming for the next envelope.
final class ClusterOutbox: Sendable {
    /// An envelope for `instance`, and when it was queued (for `collab_cluster_notify_wait_seconds`).
    typealias Queued = (instance: UUID, envelope: ClusterEnvelope, queued: ContinuousClock.Instant)

    private let queue = Mutex<[Queued]>([])
    private let limit: Int
    private let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    init(limit: Int) {
        self.limit = limit
    }

    /// Queues an envelope for `instance`; false when the queue is full (it is dropped).
    func put(_ envelope: ClusterEnvelope, to instance: UUID) -> Bool {
        let now = ContinuousClock.now
        let (queued, first) = queue.withLock { queue -> (Bool, Bool) in
            guard queue.count < limit else { return (false, false) }
            queue.append((instance, envelope, now))
            return (true, queue.count == 1)
        }
        // Only the first envelope after a take wakes the sender: it takes everything queued when
        // it runs, so the later ones ride on that wake-up (a yield per envelope cost as much as
        // the rest of the hand-over).
        if first { wake.yield(()) }
        return queued
    }

    /// Everything queued, oldest first; waits while there is nothing. Nil once finished.
    func takeAll() async -> [Queued]? {
        for await _ in wakeups {
            let taken = queue.withLock { queue in
                defer { queue.removeAll(keepingCapacity: true) }
                return queue
            }
            if !taken.isEmpty { return taken }
        }
        return nil
    }

    func finish() {
        wake.finish()
    }
}
