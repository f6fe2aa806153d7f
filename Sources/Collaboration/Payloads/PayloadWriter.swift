/// Appends big-endian fields to a growing payload.
struct PayloadWriter {
    private(set) var bytes: [UInt8]

    init(capacity: Int = 32) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: UInt8) { bytes.append(value) }

    mutating func write(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func write(_ value: UInt32) {
        write(UInt16(truncatingIfNeeded: value >> 16))
        write(UInt16(truncatingIfNeeded: value))
    }

    mutating func write(_ value: UInt64) {
        write(UInt32(truncatingIfNeeded: value >> 32))
        write(UInt32(truncatingIfNeeded: value))
    }

    mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }

    mutating func write(_ value: Float) { write(value.bitPattern) }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(contentsOf values: some Sequence<UInt8>) { bytes.append(contentsOf: values) }
}
