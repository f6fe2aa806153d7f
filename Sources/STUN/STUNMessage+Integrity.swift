extension STUNMessage {
    /// Verifies MESSAGE-INTEGRITY-SHA256 if present, otherwise MESSAGE-INTEGRITY, over the raw bytes.
    ///
    /// RFC 8489 §14.5: the HMAC covers the message up to the attribute, with the header's length
    /// "adjusted to point to the end of the MESSAGE-INTEGRITY attribute" — so a FINGERPRINT after it
    /// does not change the result. The comparison is constant-time over the MAC length.
    public static func checkIntegrity(of bytes: [UInt8], key: STUNIntegrityKey) -> IntegrityCheck {
        guard (try? parseHeader(bytes)) != nil else { return .invalid }
        var sha1: (start: Int, value: Range<Int>)?
        var sha256: (start: Int, value: Range<Int>)?
        do {
            try walkAttributes(bytes) { (type, value, start) throws(STUNError) in
                switch STUNAttributeType(rawValue: type) {
                case .messageIntegrity where sha1 == nil && sha256 == nil: sha1 = (start, value)
                case .messageIntegritySHA256 where sha256 == nil: sha256 = (start, value)
                default: break
                }
            }
        } catch {
            return .invalid
        }
        guard let (start, value) = sha256 ?? sha1 else { return .missing }
        var covered = Array(bytes[0..<start])
        let adjusted = start - headerSize + 4 + value.count + (4 - value.count % 4) % 4
        covered[2] = UInt8(truncatingIfNeeded: adjusted >> 8)
        covered[3] = UInt8(truncatingIfNeeded: adjusted)
        let computed = sha256 != nil ? key.hmacSHA256(covered[...]) : key.hmacSHA1(covered[...])
        let received = bytes[value]
        // A truncated SHA-256 MAC (RFC 8489 §14.6) compares against the computed prefix.
        guard received.count <= computed.count, received.count >= 16 || sha256 == nil else { return .invalid }
        var difference: UInt8 = 0
        for (a, b) in zip(received, computed.prefix(received.count)) { difference |= a ^ b }
        return difference == 0 ? .valid : .invalid
    }
}
