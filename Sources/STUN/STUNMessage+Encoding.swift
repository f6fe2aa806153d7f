import RTCBase

extension STUNMessage {
    /// Encodes the message, appending MESSAGE-INTEGRITY (when `key` is given) and FINGERPRINT.
    ///
    /// Any MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 or FINGERPRINT already in ``attributes`` is
    /// skipped: they are always recomputed. `padding` is the byte used to pad attribute values to a
    /// multiple of four; RFC 8489 §14 lets it be anything (RFC 5769's vectors use 0x20).
    public func encode(
        key: STUNIntegrityKey? = nil,
        algorithm: IntegrityAlgorithm = .sha1,
        fingerprint: Bool = false,
        padding: UInt8 = 0
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 128)
        writer.write(type.rawValue)
        writer.write(UInt16(0))
        writer.write(Self.magicCookie)
        writer.write(transactionID.bytes)
        for attribute in attributes {
            switch attribute {
            case .messageIntegrity, .messageIntegritySHA256, .fingerprint:
                continue
            default:
                Self.writeAttribute(attribute.type.rawValue, attribute.encodeValue(transactionID: transactionID),
                                    padding: padding, into: &writer)
            }
        }
        if let key {
            // RFC 8489 §14.5: the length field covers up to and including MESSAGE-INTEGRITY while
            // hashing, and the HMAC covers everything before the attribute.
            let macLength = algorithm == .sha1 ? 20 : 32
            writer.set(UInt16(writer.bytes.count - Self.headerSize + 4 + macLength), at: 2)
            let mac = algorithm == .sha1 ? key.hmacSHA1(writer.bytes[...]) : key.hmacSHA256(writer.bytes[...])
            let type: STUNAttributeType = algorithm == .sha1 ? .messageIntegrity : .messageIntegritySHA256
            Self.writeAttribute(type.rawValue, mac, padding: padding, into: &writer)
        }
        if fingerprint {
            // RFC 8489 §14.7: CRC-32 of the message up to (excluding) FINGERPRINT, length field
            // already counting it, XOR'ed with 0x5354554e.
            writer.set(UInt16(writer.bytes.count - Self.headerSize + 8), at: 2)
            let crc = CRC32.checksum(writer.bytes) ^ Self.fingerprintXOR
            Self.writeAttribute(STUNAttributeType.fingerprint.rawValue, [
                UInt8(crc >> 24), UInt8(truncatingIfNeeded: crc >> 16),
                UInt8(truncatingIfNeeded: crc >> 8), UInt8(truncatingIfNeeded: crc),
            ], padding: padding, into: &writer)
        }
        writer.set(UInt16(writer.bytes.count - Self.headerSize), at: 2)
        return writer.bytes
    }

    static let fingerprintXOR: UInt32 = 0x5354_554E

    private static func writeAttribute(_ type: UInt16, _ value: [UInt8], padding: UInt8, into writer: inout ByteWriter) {
        writer.write(type)
        writer.write(UInt16(value.count))
        writer.write(value)
        let pad = (4 - value.count % 4) % 4
        for _ in 0..<pad { writer.write(padding) }
    }
}
