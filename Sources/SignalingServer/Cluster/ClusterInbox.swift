import Foundation
import Synchronization

/// Envelopes from other instances on their way from the LISTEN task to the hub, in order,
/// bounded.
///
/// The LISTEN task hands each notification over without waiting for the hub to act on it: a
/// round trip onto the busy hub per notification made the receiver the cluster's slowest stage
/// (it queued behind every client message the hub had). It never waits here either: PostgresNIO
/// buffers notifications without bound and keeps reading the socket, so waiting would only move
/// the backlog into its buffer, still in this process. Instead a notification the queue's bound
/// (``ClusterQueueBound``) refuses is dropped whole and counted as lost, as ``ClusterOutbox``
/// does on the sending side: delivery stays at most once, and what is kept of one sender's
/// envelopes keeps its order.
final class ClusterInbox: Sendable {
    private let (batches, deliver) = AsyncStream.makeStream(of: (UUID, [ClusterEnvelope]).self)
    private let pending = Atomic<Int>(0)
    private let pendingBytes = Atomic<Int>(0)
    private let bound: ClusterQueueBound

    init(limit: Int, byteLimit: Int = .max) {
        bound = ClusterQueueBound(limit: limit, byteLimit: byteLimit)
    }

    /// Queues the envelopes of one notification; never waits. Returns how many were dropped:
    /// all of them when they would take the queue past `limit` or `byteLimit` (unless the queue
    /// is empty: one notification always fits), or after ``finish()``; else none.
    func put(_ envelopes: [ClusterEnvelope], from sender: UUID) -> Int {
        guard !envelopes.isEmpty else { return 0 }
        let weight = envelopes.reduce(0) { $0 + $1.weight }
        // One producer (the LISTEN task); the consumer only lowers the counts meanwhile.
        let queued = pending.add(envelopes.count, ordering: .relaxed).newValue
        let bytes = pendingBytes.add(weight, ordering: .relaxed).newValue
        func refuse() -> Int {
            pending.subtract(envelopes.count, ordering: .relaxed)
            pendingBytes.subtract(weight, ordering: .relaxed)
            return envelopes.count
        }
        guard bound.admits(count: queued - envelopes.count, bytes: bytes - weight, adding: envelopes.count, weight: weight) else {
            return refuse()
        }
        if case .terminated = deliver.yield((sender, envelopes)) { return refuse() }
        return 0
    }

    /// The queued batches, oldest first, until ``finish()``; the consumer calls ``handled(_:)`` after each.
    var stream: AsyncStream<(UUID, [ClusterEnvelope])> { batches }

    /// The consumer is done with a batch from ``stream`` (after acting on it: see ``isIdle``).
    func handled(_ envelopes: [ClusterEnvelope]) {
        pendingBytes.subtract(envelopes.reduce(0) { $0 + $1.weight }, ordering: .relaxed)
        pending.subtract(envelopes.count, ordering: .releasing)
    }

    /// Bytes queued now, as ``ClusterEnvelope/weight`` counts them.
    var queuedBytes: Int {
        pendingBytes.load(ordering: .relaxed)
    }

    /// Whether the consumer has acted on everything queued: what the producer does next
    /// (delivering an envelope itself) cannot overtake anything of it.
    var isIdle: Bool {
        pending.load(ordering: .acquiring) == 0
    }

    /// Ends the stream once what is queued has been taken; later batches are dropped.
    func finish() {
        deliver.finish()
    }
}
