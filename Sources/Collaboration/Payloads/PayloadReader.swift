/// Reads big-endian fields from a payload; every read is bounds-checked and throws `truncated`.
struct PayloadReader {
    private let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.offset = 0
    }

    /// Bytes not yet read.
    var remaining: Int { bytes.count - offset }

    mutating func readUInt8() throws(PayloadError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16() throws(PayloadError) -> UInt16 {
        guard remaining >= 2 else { throw .truncated }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func readUInt32() throws(PayloadError) -> UInt32 {
        let high = try readUInt16()
        let low = try readUInt16()
        return UInt32(high) << 16 | UInt32(low)
    }

    mutating func readUInt64() throws(PayloadError) -> UInt64 {
        let high = try readUInt32()
        let low = try readUInt32()
        return UInt64(high) << 32 | UInt64(low)
    }

    mutating func readInt64() throws(PayloadError) -> Int64 {
        Int64(bitPattern: try readUInt64())
    }

    /// An IEEE 754 binary32, refused when NaN or infinite.
    mutating func readFiniteFloat32() throws(PayloadError) -> Float {
        let value = Float(bitPattern: try readUInt32())
        guard value.isFinite else { throw .nonFiniteFloat }
        return value
    }

    /// An IEEE 754 binary64, refused when NaN or infinite.
    mutating func readFiniteFloat64() throws(PayloadError) -> Double {
        let value = Double(bitPattern: try readUInt64())
        guard value.isFinite else { throw .nonFiniteFloat }
        return value
    }

    mutating func readBytes(_ count: Int) throws(PayloadError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .truncated }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// Everything left.
    mutating func readRest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(bytes[offset...])
    }

    /// Throws `trailingBytes` unless the payload was consumed exactly.
    func finish() throws(PayloadError) {
        guard remaining == 0 else { throw .trailingBytes(remaining) }
    }

    /// Reads the version byte and refuses anything but `expected`.
    mutating func readVersion(_ expected: UInt8) throws(PayloadError) {
        let version = try readUInt8()
        guard version == expected else { throw .unsupportedVersion(version) }
    }
}
