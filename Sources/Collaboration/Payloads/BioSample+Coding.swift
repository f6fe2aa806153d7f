extension BioSample {
    static let kind: UInt8 = 0x01
    private static let flagRR: UInt8 = 0x01
    private static let flagPhase: UInt8 = 0x02

    /// The plain binary form sent on the `bio` channel when the room has no secret.
    public func encoded() -> [UInt8] {
        var writer = PayloadWriter(capacity: 32 + (rrIntervals?.count ?? 0) * 4)
        writer.write(PayloadFormat.version)
        writer.write(Self.kind)
        encodeBody(into: &writer)
        return writer.bytes
    }

    func encodeBody(into writer: inout PayloadWriter) {
        var flags: UInt8 = 0
        if rrIntervals != nil { flags |= Self.flagRR }
        if breathingPhase != nil { flags |= Self.flagPhase }
        writer.write(flags)
        writer.write(timestamp)
        writer.write(Float(heartRate))
        writer.write(Float(rmssd))
        writer.write(Float(coherence))
        writer.write(Float(breathingRate))
        if let breathingPhase { writer.write(Float(breathingPhase)) }
        if let rrIntervals {
            writer.write(UInt8(rrIntervals.count))
            for interval in rrIntervals { writer.write(Float(interval)) }
        }
    }

    /// Decodes a plain sample (version, kind `0x01`, body). A sealed payload (kind `0x02`) is
    /// refused with `unknownType`; use `BioPayload` to tell the two apart.
    public init(decoding bytes: [UInt8]) throws(PayloadError) {
        var reader = PayloadReader(bytes)
        try reader.readVersion(PayloadFormat.version)
        let kind = try reader.readUInt8()
        guard kind == Self.kind else { throw .unknownType(kind) }
        try self.init(body: &reader)
        try reader.finish()
    }

    init(body reader: inout PayloadReader) throws(PayloadError) {
        let flags = try reader.readUInt8()
        guard flags & ~(Self.flagRR | Self.flagPhase) == 0 else { throw .invalidValue("bio.flags") }
        let timestamp = try reader.readInt64()
        let heartRate = try Self.read(&reader, in: Self.heartRateRange, field: "bio.heartRate")
        let rmssd = try Self.read(&reader, in: Self.rmssdRange, field: "bio.rmssd")
        let coherence = try Self.read(&reader, in: 0...1, field: "bio.coherence")
        let breathingRate = try Self.read(&reader, in: Self.breathingRateRange, field: "bio.breathingRate")
        var phase: Double?
        if flags & Self.flagPhase != 0 {
            let value = Double(try reader.readFiniteFloat32())
            guard value >= 0, value < 2 * Double.pi else { throw .invalidValue("bio.breathingPhase") }
            phase = value
        }
        var intervals: [Double]?
        if flags & Self.flagRR != 0 {
            let count = Int(try reader.readUInt8())
            guard count <= Self.maximumRRIntervals else {
                throw .countOverLimit(count: count, limit: Self.maximumRRIntervals)
            }
            var list: [Double] = []
            list.reserveCapacity(count)
            for _ in 0..<count {
                list.append(try Self.read(&reader, in: Self.rrIntervalRange, field: "bio.rrInterval"))
            }
            intervals = list
        }
        self.init(
            heartRate: heartRate, rmssd: rmssd, coherence: coherence, breathingRate: breathingRate,
            breathingPhase: phase, rrIntervals: intervals, timestamp: timestamp
        )
    }

    private static func read(
        _ reader: inout PayloadReader, in range: ClosedRange<Double>, field: String
    ) throws(PayloadError) -> Double {
        let value = Double(try reader.readFiniteFloat32())
        guard range.contains(value) else { throw .invalidValue(field) }
        return value
    }
}
