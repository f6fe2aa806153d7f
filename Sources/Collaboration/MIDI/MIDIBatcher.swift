import DequeModule
/// Collects outgoing MIDI events into one batch per 10 ms window (sans-IO).
///
/// Call `add(_:now:)` for each local event, then `pollBatch(now:)` until it returns `nil`, and
/// call again at `pollTimeout()`. A window opens with the first event added to an empty queue
/// and closes `interval` later; a batch also leaves at once when it is full. Times are
/// microseconds on any monotonic clock.
public struct MIDIBatcher: Sendable {
    /// Window length, microseconds (10 ms by default).
    public let interval: Int64
    /// The most events held; `add` refuses more.
    public let capacity: Int
    /// Events refused because the queue was full.
    public private(set) var droppedEvents = 0

    private var queue: Deque<MIDIEvent> = []
    private var windowStart: Int64?
    private var nextSequence: UInt32

    /// Creates a batcher; `firstSequence` numbers the first batch.
    public init(interval: Int64 = 10_000, capacity: Int = 4096, firstSequence: UInt32 = 0) {
        self.interval = max(1, interval)
        self.capacity = max(MIDIBatch.maximumEvents, capacity)
        self.nextSequence = firstSequence
    }

    /// Events waiting to be batched.
    public var pendingCount: Int { queue.count }

    /// Queues an event. Returns `false` (and counts it in `droppedEvents`) when the queue is full.
    @discardableResult
    public mutating func add(_ event: MIDIEvent, now: Int64) -> Bool {
        guard pendingCount < capacity else {
            droppedEvents += 1
            return false
        }
        if pendingCount == 0 { windowStart = now }
        queue.append(event)
        return true
    }

    /// The next batch to send, if its window has closed (or it is full).
    public mutating func pollBatch(now: Int64) -> MIDIBatch? {
        guard pendingCount > 0, let start = windowStart else { return nil }
        guard pendingCount >= MIDIBatch.maximumEvents || now >= start.addingSaturating(interval) else { return nil }
        let taken = min(pendingCount, MIDIBatch.maximumEvents)
        var events = Array(queue.prefix(taken))
        queue.removeFirst(taken)
        if queue.isEmpty { windowStart = nil }
        // Events more than MIDIBatch.maximumSpread apart cannot share a batch: keep the batch to
        // the oldest event's span and requeue the rest (only after ~71 minutes of queueing).
        if let base = events.first?.timestamp,
           let split = events.firstIndex(where: { $0.timestamp.subtractingSaturating(base).magnitude > UInt64(MIDIBatch.maximumSpread / 2) }) {
            let rest = events[split...]
            events.removeSubrange(split...)
            queue.insert(contentsOf: rest, at: 0)
        }
        let sequence = nextSequence
        nextSequence &+= 1
        // Both limits were enforced above, so this cannot throw; an empty batch is the fallback.
        return (try? MIDIBatch(sequence: sequence, events: events)) ?? (try? MIDIBatch(sequence: sequence, events: []))
    }

    /// When `pollBatch` next has something to give, or `nil` while the queue is empty.
    public func pollTimeout() -> Int64? {
        guard pendingCount > 0, let start = windowStart else { return nil }
        return pendingCount >= MIDIBatch.maximumEvents ? start : start.addingSaturating(interval)
    }
}
