extension MIDIBatch {
    /// The binary form sent on the `midi` channel.
    public func encoded() -> [UInt8] {
        var writer = PayloadWriter(capacity: 15 + events.count * 7)
        writer.write(PayloadFormat.version)
        writer.write(sequence)
        writer.write(UInt16(events.count))
        let base = events.map(\.timestamp).min() ?? 0
        writer.write(base)
        for event in events {
            // The initializer bounds the spread to UInt32, so this never truncates.
            writer.write(UInt32(truncatingIfNeeded: event.timestamp &- base))
            writer.write(contentsOf: event.bytes)
        }
        return writer.bytes
    }

    /// Decodes a `midi` channel payload.
    ///
    /// - Throws: `PayloadError` for any malformed input; never traps.
    public init(decoding bytes: [UInt8]) throws(PayloadError) {
        var reader = PayloadReader(bytes)
        try reader.readVersion(PayloadFormat.version)
        let sequence = try reader.readUInt32()
        let count = Int(try reader.readUInt16())
        guard count <= Self.maximumEvents else { throw .countOverLimit(count: count, limit: Self.maximumEvents) }
        let base = try reader.readInt64()
        var events: [MIDIEvent] = []
        events.reserveCapacity(count)
        for _ in 0..<count {
            let delta = Int64(try reader.readUInt32())
            let (timestamp, overflow) = base.addingReportingOverflow(delta)
            guard !overflow else { throw .invalidValue("midi.timestamp") }
            let status = try reader.readUInt8()
            guard let length = MIDIEvent.messageLength(status: status) else { throw .invalidValue("midi.status") }
            let data = try reader.readBytes(length - 1)
            events.append(try MIDIEvent(timestamp: timestamp, bytes: [status] + data))
        }
        try reader.finish()
        try self.init(sequence: sequence, events: events)
    }
}
