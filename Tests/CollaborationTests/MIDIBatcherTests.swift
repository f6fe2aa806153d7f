import Testing

@testable import Collaboration

@Suite("MIDIBatcher", .timeLimit(.minutes(1)))
struct MIDIBatcherTests {
    static func note(_ n: UInt8, at t: Int64) -> MIDIEvent { .noteOn(channel: 0, note: n, velocity: 64, timestamp: t) }

    @Test("events of one 10 ms window leave together when it closes")
    func window() {
        var batcher = MIDIBatcher()
        #expect(batcher.pollTimeout() == nil)
        batcher.add(Self.note(60, at: 1_000), now: 1_000)
        batcher.add(Self.note(62, at: 4_000), now: 4_000)
        #expect(batcher.pollTimeout() == 11_000)
        #expect(batcher.pollBatch(now: 10_999) == nil)
        let batch = batcher.pollBatch(now: 11_000)
        #expect(batch?.sequence == 0)
        #expect(batch?.events.map(\.data1) == [60, 62])
        #expect(batcher.pollBatch(now: 11_000) == nil)
        #expect(batcher.pollTimeout() == nil)
        batcher.add(Self.note(64, at: 30_000), now: 30_000)
        #expect(batcher.pollTimeout() == 40_000)
        #expect(batcher.pollBatch(now: 40_000)?.sequence == 1)
    }

    @Test("a full batch leaves at once and the rest waits for its window")
    func fullBatch() {
        var batcher = MIDIBatcher()
        for i in 0..<300 { batcher.add(Self.note(UInt8(i % 128), at: Int64(i)), now: 0) }
        #expect(batcher.pollTimeout() == 0)
        #expect(batcher.pollBatch(now: 1)?.events.count == MIDIBatch.maximumEvents)
        #expect(batcher.pollBatch(now: 1) == nil)
        #expect(batcher.pollBatch(now: 10_000)?.events.count == 44)
    }

    @Test("the queue is bounded and counts what it refuses")
    func bounded() {
        var batcher = MIDIBatcher(capacity: 256)
        for i in 0..<300 { batcher.add(Self.note(1, at: Int64(i)), now: 0) }
        #expect(batcher.pendingCount == 256)
        #expect(batcher.droppedEvents == 44)
    }

    @Test("sequence numbers wrap")
    func wrap() {
        var batcher = MIDIBatcher(firstSequence: .max)
        batcher.add(Self.note(1, at: 0), now: 0)
        #expect(batcher.pollBatch(now: 10_000)?.sequence == .max)
        batcher.add(Self.note(1, at: 0), now: 20_000)
        #expect(batcher.pollBatch(now: 30_000)?.sequence == 0)
    }
}
