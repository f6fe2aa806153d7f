import Testing

@testable import Collaboration

@Suite("MIDIScheduler", .timeLimit(.minutes(1)))
struct MIDISchedulerTests {
    @Test("remote timestamps become local ones with the clock offset and play-out delay")
    func conversion() throws {
        // The sender's clock is 5 s ahead of ours.
        var scheduler = MIDIScheduler(playoutDelay: 20_000)
        let batch = try MIDIBatch(sequence: 0, events: [
            .noteOn(channel: 0, note: 60, velocity: 100, timestamp: 5_100_000),
            .noteOff(channel: 0, note: 60, timestamp: 5_050_000),
        ])
        #expect(scheduler.receive(batch, clockOffset: 5_000_000, now: 0) == 2)
        #expect(scheduler.pollTimeout() == 70_000)
        #expect(scheduler.pollEvent(now: 69_999) == nil)
        let first = scheduler.pollEvent(now: 70_000)
        #expect(first?.status == 0x80 && first?.timestamp == 70_000)
        #expect(scheduler.pollTimeout() == 120_000)
        #expect(scheduler.pollEvent(now: 200_000)?.timestamp == 120_000)
        #expect(scheduler.pendingCount == 0)
        #expect(scheduler.lateEvents == 0)
    }

    @Test("late events are delivered at once and counted; duplicate batches are ignored")
    func lateAndDuplicate() throws {
        var scheduler = MIDIScheduler(playoutDelay: 0)
        let batch = try MIDIBatch(sequence: 7, events: [.noteOn(channel: 0, note: 1, velocity: 1, timestamp: 10)])
        scheduler.receive(batch, clockOffset: 0, now: 1_000)
        #expect(scheduler.lateEvents == 1)
        #expect(scheduler.pollEvent(now: 1_000) != nil)
        #expect(scheduler.receive(batch, clockOffset: 0, now: 1_000) == 0)
        #expect(scheduler.duplicateBatches == 1)
        // A restarted sender (sequence far behind) is accepted.
        let restarted = try MIDIBatch(sequence: 7 &- 5000, events: [])
        scheduler.receive(restarted, clockOffset: 0, now: 1_000)
        #expect(scheduler.duplicateBatches == 1)
    }

    @Test("reset drops what is queued")
    func reset() throws {
        var scheduler = MIDIScheduler()
        let batch = try MIDIBatch(sequence: 0, events: [.noteOn(channel: 0, note: 1, velocity: 1, timestamp: 1_000_000)])
        scheduler.receive(batch, clockOffset: 0, now: 0)
        #expect(scheduler.reset() == 1)
        #expect(scheduler.pollTimeout() == nil)
    }

    @Test("extreme timestamps and offsets saturate instead of trapping")
    func extremes() throws {
        var scheduler = MIDIScheduler(playoutDelay: 1_000_000)
        let batch = try MIDIBatch(sequence: 0, events: [.noteOn(channel: 0, note: 1, velocity: 1, timestamp: .max)])
        scheduler.receive(batch, clockOffset: .min, now: 0)
        #expect(scheduler.pollTimeout() == .max)
        let early = try MIDIBatch(sequence: 1, events: [.noteOn(channel: 0, note: 1, velocity: 1, timestamp: .min)])
        scheduler.receive(early, clockOffset: .max, now: 0)
        #expect(scheduler.pollEvent(now: 0)?.timestamp == Int64.min + 1_000_000)
    }
}
