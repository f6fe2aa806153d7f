import Testing

@testable import STUN

/// RFC 8489 §14.5/§14.6: an integrity attribute of a length the RFC does not allow is malformed,
/// never compared. The audit found a zero-length MESSAGE-INTEGRITY verified as `.valid` (the
/// comparison ran over the received length, zero bytes), and a 16-byte prefix of the right HMAC too.
@Suite struct IntegrityLengthTests {
    static let key = STUNIntegrityKey.shortTerm(password: "VOkJxbRl1RmTxUk/WvJxBt")

    /// A Binding request followed by one integrity attribute of `type` holding `length` bytes of
    /// the correct HMAC (computed as if the attribute were that long), padded to 4 bytes.
    static func message(integrity type: UInt16, length: Int) -> [UInt8] {
        let request = STUNMessage(type: .bindingRequest, transactionID: TransactionID(high: 1, low: 2),
                                  attributes: [.username("a:b"), .priority(1)])
        var bytes = request.encode()
        let start = bytes.count
        let padded = (length + 3) & ~3
        var covered = bytes
        let adjusted = start - STUNMessage.headerSize + 4 + length
        covered[2] = UInt8(adjusted >> 8)
        covered[3] = UInt8(adjusted & 0xFF)
        let mac = type == 0x0008 ? key.hmacSHA1(covered[...]) : key.hmacSHA256(covered[...])
        let value = (0..<length).map { $0 < mac.count ? mac[$0] : 0 }
        bytes += [UInt8(type >> 8), UInt8(type & 0xFF), UInt8(length >> 8), UInt8(length & 0xFF)]
        bytes += value + Array(repeating: 0, count: padded - length)
        let total = bytes.count - STUNMessage.headerSize
        bytes[2] = UInt8(total >> 8)
        bytes[3] = UInt8(total & 0xFF)
        return bytes
    }

    /// MESSAGE-INTEGRITY (0x0008) of any length but 20, a zero-length one and a correct 16-byte
    /// prefix included; MESSAGE-INTEGRITY-SHA256 (0x001C) shorter than 16, longer than 32 or not a
    /// multiple of 4.
    static let badLengths: [(type: UInt16, length: Int)] =
        [0, 4, 16, 19, 24, 32].map { (0x0008, $0) } + [0, 4, 12, 18, 30, 36].map { (0x001C, $0) }

    @Test("An integrity attribute of a length RFC 8489 §14.5/§14.6 does not allow is malformed, for the check and the decoder",
          arguments: badLengths)
    func badLengthIsMalformed(type: UInt16, length: Int) {
        let bytes = Self.message(integrity: type, length: length)
        #expect(STUNMessage.checkIntegrity(of: bytes, key: Self.key) == .malformed(.invalidAttribute(type: type)))
        #expect(throws: STUNError.invalidAttribute(type: type)) { try STUNMessage.decode(bytes) }
    }

    @Test("The lengths the RFC allows verify: MESSAGE-INTEGRITY 20, MESSAGE-INTEGRITY-SHA256 16 to 32 in steps of 4")
    func allowedLengthsVerify() {
        #expect(STUNMessage.checkIntegrity(of: Self.message(integrity: 0x0008, length: 20), key: Self.key) == .valid)
        for length in stride(from: 16, through: 32, by: 4) {
            let bytes = Self.message(integrity: 0x001C, length: length)
            #expect(STUNMessage.checkIntegrity(of: bytes, key: Self.key) == .valid, "SHA-256 truncated to \(length)")
            #expect(STUNMessage.checkIntegrity(of: bytes, key: .shortTerm(password: "other")) == .invalid)
        }
    }

    @Test("Bytes that are not STUN are malformed, with the codec's error")
    func notSTUNIsMalformed() {
        #expect(STUNMessage.checkIntegrity(of: [0x00, 0x01], key: Self.key) == .malformed(.truncated))
    }
}
