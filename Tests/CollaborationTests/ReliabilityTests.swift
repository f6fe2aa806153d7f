import Testing

@testable import Collaboration

/// The numbering that carries reliable channels across link restarts.
@Suite("Reliable outbox and sequence tracker", .timeLimit(.minutes(1)))
struct ReliabilityTests {
    /// Sends everything `outbox` has to offer to `tracker`, returning the delivered payloads.
    static func transfer(_ outbox: inout ReliableOutbox, to tracker: inout SequenceTracker, lose: Bool = false) throws -> [[UInt8]] {
        var delivered: [[UInt8]] = []
        while let (bytes, _) = outbox.peek() {
            outbox.markSent()
            guard !lose else { continue }
            let envelope = try SequencedEnvelope(decoding: bytes)
            if case .deliver = tracker.accept(stream: envelope.stream, sequence: envelope.sequence) {
                delivered.append(envelope.payload)
            }
        }
        return delivered
    }

    @Test("messages lost with a link are resent on the next, received ones are not delivered twice")
    func restartLosesNothing() throws {
        var outbox = ReliableOutbox(stream: 77, capacity: 100)
        var tracker = SequenceTracker()
        for index in 0..<5 { _ = outbox.append([1, UInt8(index)]) }
        #expect(try Self.transfer(&outbox, to: &tracker).map { $0[1] } == [0, 1, 2, 3, 4])
        let acknowledgement = tracker.acknowledgement(for: .chat)
        let ack = try #require(acknowledgement)
        #expect(ack == SequenceAck(channel: .chat, stream: 77, next: 5))
        #expect(tracker.acknowledgement(for: .chat) == nil, "nothing new since")
        for index in 5..<8 { _ = outbox.append([1, UInt8(index)]) }
        // 5...7 go into a link that dies; 0...4 were never acknowledged either.
        #expect(try Self.transfer(&outbox, to: &tracker, lose: true).isEmpty)
        outbox.rewind()
        #expect(try Self.transfer(&outbox, to: &tracker).map { $0[1] } == [5, 6, 7], "0...4 dropped as duplicates")
        outbox.acknowledge(stream: ack.stream, next: ack.next)
        #expect(outbox.count == 3)
        outbox.acknowledge(stream: 78, next: 8)
        #expect(outbox.count == 3, "another stream's ack is ignored")
        outbox.acknowledge(stream: 77, next: 100)
        #expect(outbox.count == 3, "an ack beyond what was sent is ignored")
        outbox.acknowledge(stream: 77, next: 8)
        #expect(outbox.count == 0)
    }

    @Test("a full outbox drops its oldest; the receiver counts the gap")
    func boundedOutbox() throws {
        var outbox = ReliableOutbox(stream: 1, capacity: 3)
        var tracker = SequenceTracker()
        _ = try Self.transfer(&outbox, to: &tracker)
        var dropped = 0
        for index in 0..<5 where outbox.append([1, UInt8(index)]) { dropped += 1 }
        #expect(dropped == 2 && outbox.count == 3)
        let peeked = outbox.peek()
        let first = try #require(peeked)
        let envelope = try SequencedEnvelope(decoding: first.bytes)
        #expect(envelope.sequence == 2)
        #expect(tracker.accept(stream: 1, sequence: 0) == .deliver(missed: 0))
        #expect(tracker.accept(stream: 1, sequence: 3) == .deliver(missed: 2))
        #expect(tracker.accept(stream: 1, sequence: 2) == .duplicate)
    }

    @Test("sequence numbers wrap; a new stream restarts the count")
    func wrapping() {
        var tracker = SequenceTracker()
        #expect(tracker.accept(stream: 5, sequence: .max - 1) == .deliver(missed: 0))
        #expect(tracker.accept(stream: 5, sequence: .max) == .deliver(missed: 0))
        #expect(tracker.accept(stream: 5, sequence: 0) == .deliver(missed: 0))
        #expect(tracker.accept(stream: 5, sequence: .max) == .duplicate)
        #expect(tracker.accept(stream: 6, sequence: 0) == .deliver(missed: 0), "the sender met us anew")
        var outbox = ReliableOutbox(stream: 5, capacity: 10)
        for _ in 0..<3 { _ = outbox.append([1]) }
        outbox.acknowledge(stream: 5, next: 2)
        #expect(outbox.count == 1)
    }
}
