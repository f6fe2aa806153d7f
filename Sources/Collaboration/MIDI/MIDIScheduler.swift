import DequeModule

/// Turns one remote peer's MIDI batches into events due on the local clock (sans-IO).
///
/// `receive(_:clockOffset:now:)` converts each event's timestamp to local time as
/// `local = remote − clockOffset + playoutDelay`, where `clockOffset` is the sender clock minus the
/// local clock (`ClockSynchronizer.offset`). `pollEvent(now:)` then hands out events in time order
/// once due, their timestamps rewritten to local time; call it again at `pollTimeout()`.
/// `playoutDelay` trades latency for steady timing: one-way delay plus jitter is a good value.
public struct MIDIScheduler: Sendable {
    /// Added to every event's local time, microseconds.
    public var playoutDelay: Int64
    /// The most events held; further events are dropped and counted.
    public let capacity: Int
    /// Events that were already due when they arrived (delivered at once, counted).
    public private(set) var lateEvents = 0
    /// Events dropped because the queue was full.
    public private(set) var droppedEvents = 0
    /// Batches refused as repeats of one already received.
    public private(set) var duplicateBatches = 0

    private var queue: Deque<MIDIEvent> = []  // sorted by local timestamp, stable for equal times
    private var lastSequence: UInt32?

    /// Creates a scheduler.
    public init(playoutDelay: Int64 = 20_000, capacity: Int = 4096) {
        self.playoutDelay = max(0, playoutDelay)
        self.capacity = max(1, capacity)
    }

    /// Events waiting to be due.
    public var pendingCount: Int { queue.count }

    /// Schedules a batch's events; returns how many were queued.
    ///
    /// A batch whose sequence is equal to or up to 1024 behind the last one is a duplicate and
    /// is ignored; any other jump (a restarted sender) is accepted.
    @discardableResult
    public mutating func receive(_ batch: MIDIBatch, clockOffset: Int64, now: Int64) -> Int {
        if let last = lastSequence {
            let distance = Int32(bitPattern: batch.sequence &- last)
            if distance <= 0 && distance > -1024 {
                duplicateBatches += 1
                return 0
            }
        }
        lastSequence = batch.sequence
        var queued = 0
        for event in batch.events {
            guard pendingCount < capacity else {
                droppedEvents += 1
                continue
            }
            let local = event.timestamp.subtractingSaturating(clockOffset).addingSaturating(playoutDelay)
            if local < now { lateEvents += 1 }
            insert(event.at(local))
            queued += 1
        }
        return queued
    }

    /// The next event due at `now` (timestamp in local time), or `nil`.
    public mutating func pollEvent(now: Int64) -> MIDIEvent? {
        guard let first = queue.first, first.timestamp <= now else { return nil }
        return queue.removeFirst()
    }

    /// When the next event falls due, or `nil` with nothing queued.
    public func pollTimeout() -> Int64? {
        queue.first?.timestamp
    }

    /// Drops every queued event (the peer is gone, or its clock was re-synchronised) and
    /// forgets the last sequence. Returns how many were dropped.
    @discardableResult
    public mutating func reset() -> Int {
        let dropped = pendingCount
        queue.removeAll()
        lastSequence = nil
        return dropped
    }

    private mutating func insert(_ event: MIDIEvent) {
        // Binary search for the first element later than `event` (stable for equal timestamps).
        var low = 0
        var high = queue.count
        while low < high {
            let mid = (low + high) / 2
            if queue[mid].timestamp <= event.timestamp { low = mid + 1 } else { high = mid }
        }
        queue.insert(event, at: low)
    }
}
