import RTCBase

extension STUNMessage {
    /// Decodes one datagram as a STUN message.
    ///
    /// Total: any malformed input throws a ``STUNError`` and never traps. A FINGERPRINT, when present,
    /// is verified here (RFC 8489 §7.3: a mismatch means "not STUN"). Attributes after
    /// MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are dropped, as
    /// RFC 8489 §14.5 requires ("MUST be ignored"). Integrity itself is checked separately with
    /// ``checkIntegrity(of:key:)`` because the key depends on attributes (USERNAME, REALM).
    public static func decode(_ bytes: [UInt8]) throws(STUNError) -> STUNMessage {
        let header = try parseHeader(bytes)
        var attributes: [STUNAttribute] = []
        var sawIntegrity = false, sawIntegritySHA256 = false, sawFingerprint = false
        try walkAttributes(bytes) { (type, valueRange, attributeStart) throws(STUNError) in
            if sawFingerprint { throw .attributeAfterFingerprint }
            let value = Array(bytes[valueRange])
            switch STUNAttributeType(rawValue: type) {
            case .fingerprint:
                sawFingerprint = true
                let attribute = try STUNAttribute.decode(type: type, value: value, transactionID: header.transactionID)
                let expected = CRC32.checksum(bytes, range: 0..<attributeStart) ^ fingerprintXOR
                guard case .fingerprint(expected) = attribute else { throw .fingerprintMismatch }
                attributes.append(attribute)
                return
            case .messageIntegritySHA256 where !sawIntegritySHA256:
                sawIntegritySHA256 = true
            case .messageIntegrity where !sawIntegrity && !sawIntegritySHA256:
                sawIntegrity = true
            default:
                if sawIntegrity || sawIntegritySHA256 { return }
            }
            attributes.append(try STUNAttribute.decode(type: type, value: value, transactionID: header.transactionID))
        }
        return STUNMessage(type: header.type, transactionID: header.transactionID, attributes: attributes)
    }

    /// A cheap check for RFC 7983 demultiplexing: first byte 0...3, the magic cookie, and a length
    /// field that matches the datagram. It does not decode attributes.
    public static func isSTUN(_ bytes: [UInt8]) -> Bool {
        (try? parseHeader(bytes)) != nil
    }

    static func parseHeader(_ bytes: [UInt8]) throws(STUNError) -> (type: STUNMessageType, transactionID: TransactionID) {
        var reader = ByteReader(bytes)
        guard let rawType = reader.readUInt16(), let length = reader.readUInt16(),
              let cookie = reader.readUInt32(), let id = reader.readBytes(12),
              let transactionID = TransactionID(bytes: id) else { throw .truncated }
        guard rawType & 0xC000 == 0 else { throw .notSTUN }
        guard cookie == magicCookie else { throw .badMagicCookie }
        guard Int(length) % 4 == 0 else { throw .badLength }
        guard Int(length) + headerSize <= bytes.count else { throw .truncated }
        guard Int(length) + headerSize == bytes.count else { throw .badLength }
        return (STUNMessageType(rawValue: rawType), transactionID)
    }

    /// Calls `body` with each attribute's type, value range and start offset, in wire order.
    static func walkAttributes(
        _ bytes: [UInt8],
        _ body: (UInt16, Range<Int>, Int) throws(STUNError) -> Void
    ) throws(STUNError) {
        var reader = ByteReader(bytes, from: headerSize)
        var count = 0
        while reader.remaining > 0 {
            let start = reader.offset
            guard let type = reader.readUInt16(), let length = reader.readUInt16() else {
                throw .truncatedAttribute(type: 0)
            }
            let valueStart = reader.offset
            let padded = (Int(length) + 3) & ~3
            guard reader.skip(padded) else { throw .truncatedAttribute(type: type) }
            count += 1
            guard count <= maxAttributes else { throw .tooManyAttributes }
            try body(type, valueStart..<(valueStart + Int(length)), start)
        }
    }
}
