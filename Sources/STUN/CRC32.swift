/// Table-driven CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), as FINGERPRINT requires.
package enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
        return crc
    }

    /// The CRC-32 of `bytes[range]`.
    package static func checksum(_ bytes: [UInt8], range: Range<Int>? = nil) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for index in range ?? bytes.indices {
            crc = table[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }
}
