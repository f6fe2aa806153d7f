import Foundation
import SignalingProtocol
@testable import SignalingServer
import Testing

/// The cluster's two queues (to send, and received but not yet handled) are bounded by bytes as
/// well as by envelopes: large SDPs fill the byte bound long before the count, what does not fit
/// is dropped and counted in `collab_cluster_envelopes_lost_total`, and one envelope (or one
/// notification) always fits an empty queue.
@Suite struct ClusterQueueBytesTests {
    let target = UUID()
    let sender = UUID()

    /// An offer whose SDP is `size` bytes.
    func offer(_ size: Int, to connection: UInt64 = 1) -> ClusterEnvelope {
        .output(connection: connection, message: .offer(from: UUID(), sdp: String(repeating: "a", count: size)))
    }

    /// The value of a counter of `metrics`, read from its exposition text.
    func counter(_ name: String, in metrics: SignalingMetrics) -> Int? {
        for line in metrics.exposition().split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.split(separator: " ")[1]).map { Int($0) }
        }
        return nil
    }

    @Test("The one bound both queues keep: count and bytes, and anything by bytes into a queue that holds none")
    func theBoundBothQueuesKeep() {
        let bound = ClusterQueueBound(limit: 4, byteLimit: 100)
        #expect(bound.admits(count: 0, bytes: 0, adding: 1, weight: 1_000), "an empty queue takes anything by bytes")
        #expect(bound.admits(count: 3, bytes: 60, adding: 1, weight: 40))
        #expect(!bound.admits(count: 3, bytes: 60, adding: 1, weight: 41), "past the bytes")
        #expect(!bound.admits(count: 4, bytes: 10, adding: 1, weight: 1), "past the count")
        #expect(!bound.admits(count: 0, bytes: 0, adding: 5, weight: 5), "the count has no exception")
    }

    @Test func theOutboxRefusesPastItsBytesAndAlwaysTakesOneEnvelope() async throws {
        let outbox = ClusterOutbox(limit: 100, byteLimit: 10_000)
        #expect(outbox.put(offer(6_000), to: target))
        #expect(!outbox.put(offer(6_000), to: target))  // 2 x 6,256 > 10,000
        #expect(outbox.put(.detach(connection: 2), to: target))  // small ones still fit
        #expect(outbox.queuedBytes == 6_000 + 2 * OutboundItem.smallMessage)
        let taken = try #require(await outbox.takeAll())
        #expect(taken.count == 2)
        #expect(outbox.queuedBytes == 0)
        // Emptied: room again, and an envelope heavier than the bound alone still goes.
        #expect(outbox.put(offer(20_000), to: target))
        #expect(!outbox.put(offer(1), to: target))
        outbox.finish()
    }

    @Test func theInboxDropsWholeNotificationsPastItsBytes() async throws {
        let inbox = ClusterInbox(limit: 100, byteLimit: 10_000)
        #expect(inbox.put([offer(4_000), offer(4_000)], from: sender) == 0)
        #expect(inbox.put([offer(2_000)], from: sender) == 1)  // 8,512 + 2,256 > 10,000
        #expect(inbox.put([.detach(connection: 3)], from: sender) == 0)
        var batches = inbox.stream.makeAsyncIterator()
        let (_, first) = try #require(await batches.next())
        inbox.handled(first)
        let (_, second) = try #require(await batches.next())
        inbox.handled(second)
        #expect(inbox.queuedBytes == 0)
        #expect(inbox.isIdle)
        // Empty: one notification heavier than the bound still comes through.
        #expect(inbox.put([offer(30_000)], from: sender) == 0)
        inbox.finish()
    }

    /// Through the link, with the default count bound far away: the bytes decide, and what is
    /// dropped on either side is counted as lost.
    @Test func theLinkCountsWhatTheByteBoundDrops() async throws {
        var settings = ClusterSettings(postgres: try PostgresURL("postgres://collab@127.0.0.1/collab"))
        settings.maxQueuedBytes = 100_000
        let metrics = SignalingMetrics()
        let link = ClusterLink(settings: settings, metrics: ClusterMetrics(registry: metrics.registry), logger: TestServer.logger)
        // 20 offers of 10,000 bytes (+256 each): 9 fit in 100,000 bytes, 11 are dropped.
        for _ in 0..<20 { link.send(offer(10_000), to: target) }
        #expect(counter("collab_cluster_envelopes_lost_total", in: metrics) == 11)
        #expect(link.outbox.queuedBytes == 9 * 10_256)

        // Received: outputs for a connection not proxied here go to the hub's inbox (nobody takes
        // them in this test), 4 per notification: the first two notifications fit, the third is
        // dropped whole.
        let hub = SignalingHub(configuration: SignalingServerConfiguration(), metrics: metrics, logger: TestServer.logger)
        await hub.attachCluster(link)
        var sequences: [UUID: UInt64] = [:]
        for sequence in 1...3 {
            let lines = [ClusterBatch.header(sender: sender, sequence: UInt64(sequence))] + (0..<4).map { _ in offer(10_000, to: 99).line() }
            await link.receive(lines.joined(separator: "\n"), lastSequence: &sequences, hub: hub)
        }
        #expect(counter("collab_cluster_envelopes_lost_total", in: metrics) == 11 + 4)
        #expect(link.inbox.queuedBytes == 8 * 10_256)
        link.finish()
    }
}
