import Foundation
import SignalingProtocol
@testable import SignalingServer
import Testing

/// The queue between the LISTEN task and the hub: it never waits, drops whole notifications past
/// its limit (the caller counts them), keeps the order of what it keeps, and ends after `finish()`.
@Suite struct ClusterInboxTests {
    let sender = UUID()

    func batch(_ connections: ClosedRange<UInt64>) -> [ClusterEnvelope] {
        connections.map { .detach(connection: $0) }
    }

    @Test func dropsWholeBatchesPastTheLimitAndKeepsTheOrderOfTheRest() async {
        let inbox = ClusterInbox(limit: 4)
        #expect(inbox.put(batch(1...2), from: sender) == 0)
        #expect(inbox.put(batch(3...5), from: sender) == 3)  // 2 + 3 > 4: dropped whole
        #expect(inbox.put(batch(6...7), from: sender) == 0)
        #expect(inbox.put(batch(8...8), from: sender) == 1)
        #expect(inbox.put([], from: sender) == 0)
        var taken: [ClusterEnvelope] = []
        var iterator = inbox.stream.makeAsyncIterator()
        for _ in 0..<2 {
            guard let (from, envelopes) = await iterator.next() else { break }
            #expect(from == sender)
            taken += envelopes
            inbox.handled(envelopes)
        }
        #expect(taken == batch(1...2) + batch(6...7))
        // Handled envelopes make room again.
        #expect(inbox.put(batch(9...12), from: sender) == 0)
        inbox.finish()
        // What was queued before finish() still comes, then the stream ends; later batches drop.
        #expect(inbox.put(batch(13...13), from: sender) == 1)
        var rest: [ClusterEnvelope] = []
        while let (_, envelopes) = await iterator.next() {
            rest += envelopes
            inbox.handled(envelopes)
        }
        #expect(rest == batch(9...12))
    }
}
