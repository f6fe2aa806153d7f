import Foundation
import Synchronization

/// Envelopes from other instances on their way from the LISTEN task to the hub, in order.
///
/// The LISTEN task hands each notification over without waiting for the hub to act on it: a
/// round trip onto the busy hub per notification made the receiver the cluster's slowest stage
/// (it queued behind every client message the hub had). Past `limit` envelopes not yet handled
/// the LISTEN task waits, so a hub that falls behind slows the reading of notifications (which
/// PostgreSQL queues) instead of growing this queue.
final class ClusterInbox: Sendable {
    private let (batches, deliver) = AsyncStream.makeStream(of: (UUID, [ClusterEnvelope]).self)
    private let (room, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    private let pending = Atomic<Int>(0)
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Queues the envelopes of one notification; waits while the hub is more than `limit` behind.
    func put(_ envelopes: [ClusterEnvelope], from sender: UUID) async {
        guard !envelopes.isEmpty else { return }
        pending.add(envelopes.count, ordering: .relaxed)
        deliver.yield((sender, envelopes))
        guard pending.load(ordering: .relaxed) > limit else { return }
        // Each wake-up is a batch handled; a stale one only costs a second look at the count.
        for await _ in room where pending.load(ordering: .relaxed) <= limit { return }
    }

    /// The queued batches, oldest first, until ``finish()``; the consumer calls ``handled(_:)`` after each.
    var stream: AsyncStream<(UUID, [ClusterEnvelope])> { batches }

    /// The consumer is done with `count` envelopes.
    func handled(_ count: Int) {
        pending.subtract(count, ordering: .relaxed)
        wake.yield(())
    }

    func finish() {
        deliver.finish()
        wake.finish()
    }
}
