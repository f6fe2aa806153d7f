extension STUNMessage {
    /// Verifies MESSAGE-INTEGRITY-SHA256 if present, otherwise MESSAGE-INTEGRITY, over the raw bytes.
    ///
    /// RFC 8489 §14.5: the HMAC covers the message up to the attribute, with the header's length
    /// "adjusted to point to the end of the MESSAGE-INTEGRITY attribute" — so a FINGERPRINT after it
    /// does not change the result. The comparison is constant-time over the MAC length.
    ///
    /// The attribute's length is checked before any comparison: MESSAGE-INTEGRITY is exactly 20
    /// bytes (§14.5, "the HMAC will be 20 bytes"), MESSAGE-INTEGRITY-SHA256 at least 16 and at most
    /// 32, a multiple of 4 (§14.6). Any other length is ``IntegrityCheck/malformed(_:)``: a shorter
    /// value compared against a prefix of the HMAC would let a zero-length attribute pass.
    public static func checkIntegrity(of bytes: [UInt8], key: STUNIntegrityKey) -> IntegrityCheck {
        var sha1: (start: Int, value: Range<Int>)?
        var sha256: (start: Int, value: Range<Int>)?
        do throws(STUNError) {
            _ = try parseHeader(bytes)
            try walkAttributes(bytes) { (type, value, start) throws(STUNError) in
                switch STUNAttributeType(rawValue: type) {
                case .messageIntegrity where sha1 == nil && sha256 == nil:
                    guard value.count == 20 else { throw .invalidAttribute(type: type) }
                    sha1 = (start, value)
                case .messageIntegritySHA256 where sha256 == nil:
                    guard (16...32).contains(value.count), value.count % 4 == 0 else { throw .invalidAttribute(type: type) }
                    sha256 = (start, value)
                default: break
                }
            }
        } catch {
            return .malformed(error)
        }
        guard let (start, value) = sha256 ?? sha1 else { return .missing }
        var covered = Array(bytes[0..<start])
        let adjusted = start - headerSize + 4 + value.count
        covered[2] = UInt8(truncatingIfNeeded: adjusted >> 8)
        covered[3] = UInt8(truncatingIfNeeded: adjusted)
        let computed = sha256 != nil ? key.hmacSHA256(covered[...]) : key.hmacSHA1(covered[...])
        // A truncated SHA-256 MAC (RFC 8489 §14.6) compares against the computed prefix; its
        // length (16 at least) was checked above, and SHA-1's is the whole MAC.
        let received = bytes[value]
        var difference: UInt8 = 0
        for (a, b) in zip(received, computed.prefix(received.count)) { difference |= a ^ b }
        return difference == 0 ? .valid : .invalid
    }
}
