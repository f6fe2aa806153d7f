/// The MIDI channel's message: the events of one 10 ms window, in order.
///
/// Wire layout (docs/PAYLOADS.md): version, sequence, count, base timestamp, then per event a
/// 32-bit delta from the base and the 1 to 3 message bytes (the status byte gives the length).
public struct MIDIBatch: Hashable, Sendable {
    /// The most events one batch may carry.
    public static let maximumEvents = 256
    /// The largest timestamp spread inside one batch (`UInt32` microseconds, about 71 minutes).
    public static let maximumSpread = Int64(UInt32.max)

    /// Increments by one per batch a sender emits (wrapping).
    public let sequence: UInt32
    /// The events, in the order they were added.
    public let events: [MIDIEvent]

    /// Creates a batch.
    ///
    /// - Throws: `countOverLimit` over `maximumEvents`; `invalidValue("midi.timestamp")` when the
    ///   timestamps spread over more than `maximumSpread`.
    public init(sequence: UInt32, events: [MIDIEvent]) throws(PayloadError) {
        guard events.count <= Self.maximumEvents else {
            throw .countOverLimit(count: events.count, limit: Self.maximumEvents)
        }
        if let low = events.map(\.timestamp).min(), let high = events.map(\.timestamp).max() {
            let (spread, overflow) = high.subtractingReportingOverflow(low)
            guard !overflow, spread <= Self.maximumSpread else { throw .invalidValue("midi.timestamp") }
        }
        self.sequence = sequence
        self.events = events
    }
}
