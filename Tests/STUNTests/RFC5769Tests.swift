import RTCTestSupport
import STUN
import RTCBase
import Testing

/// RFC 5769 test vectors: parse, verify and re-encode byte for byte.
@Suite struct RFC5769Tests {
    static let sampleRequest = hex("""
        00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
        00 24 00 04 6e 00 01 ff
        80 29 00 08 93 2f f9 b1 51 26 3b 36
        00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
        00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
        80 28 00 04 e5 7a 3b cf
        """)
    static let ipv4Response = hex("""
        01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
        00 20 00 08 00 01 a1 47 e1 12 a6 43
        00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
        80 28 00 04 c0 7d 4c 96
        """)
    static let ipv6Response = hex("""
        01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
        00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
        00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
        80 28 00 04 c8 fb 0b 4c
        """)
    static let longTermRequest = hex("""
        00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
        00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
        00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41
        00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
        00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66
        """)
    static let password = STUNIntegrityKey.shortTerm(password: "VOkJxbRl1RmTxUk/WvJxBt")

    @Test func sampleRequest() throws {
        let message = try STUNMessage.decode(Self.sampleRequest)
        #expect(message.type == .bindingRequest)
        #expect(message.transactionID.description == "b7e7a701bc34d686fa87dfae")
        #expect(message.attributes.first == .software("STUN test client"))
        #expect(message.priority == 0x6e0001ff)
        #expect(message.iceControlled == 0x932ff9b151263b36)
        #expect(message.username == "evtj:h6vY")
        #expect(message.hasFingerprint)
        #expect(STUNMessage.checkIntegrity(of: Self.sampleRequest, key: Self.password) == .valid)
        #expect(STUNMessage.checkIntegrity(of: Self.sampleRequest, key: .shortTerm(password: "wrong")) == .invalid)
        let encoded = message.encode(key: Self.password, fingerprint: true, padding: 0x20)
        #expect(encoded == Self.sampleRequest)
    }

    @Test func ipv4Response() throws {
        let message = try STUNMessage.decode(Self.ipv4Response)
        #expect(message.type == .bindingSuccess)
        #expect(message.attributes.first == .software("test vector"))
        #expect(message.mappedAddress == TransportAddress("192.0.2.1:32853"))
        #expect(STUNMessage.checkIntegrity(of: Self.ipv4Response, key: Self.password) == .valid)
        #expect(message.encode(key: Self.password, fingerprint: true, padding: 0x20) == Self.ipv4Response)
    }

    @Test func ipv6Response() throws {
        let message = try STUNMessage.decode(Self.ipv6Response)
        #expect(message.mappedAddress == TransportAddress("[2001:db8:1234:5678:11:2233:4455:6677]:32853"))
        #expect(STUNMessage.checkIntegrity(of: Self.ipv6Response, key: Self.password) == .valid)
        #expect(message.encode(key: Self.password, fingerprint: true, padding: 0x20) == Self.ipv6Response)
    }

    @Test func longTermAuthenticationRequest() throws {
        let message = try STUNMessage.decode(Self.longTermRequest)
        let username = "\u{30DE}\u{30C8}\u{30EA}\u{30C3}\u{30AF}\u{30B9}"
        #expect(message.username == username)
        #expect(message.nonce == "f//499k954d6OL34oL9FSTvy64sA")
        #expect(message.realm == "example.org")
        #expect(!message.hasFingerprint)
        // The RFC's password "The<U+00AD>M<U+00AA>tr<U+2168>" after SASLprep is "TheMatrIX".
        let key = STUNIntegrityKey.longTerm(username: username, realm: "example.org", password: "TheMatrIX")
        #expect(STUNMessage.checkIntegrity(of: Self.longTermRequest, key: key) == .valid)
        #expect(message.encode(key: key) == Self.longTermRequest)
    }

    @Test func fingerprintMismatchIsRejected() {
        var corrupted = Self.sampleRequest
        corrupted[corrupted.count - 1] ^= 0x01
        #expect(throws: STUNError.fingerprintMismatch) { try STUNMessage.decode(corrupted) }
    }

    @Test func integrityIgnoresAttributesAfterIt() throws {
        // Re-encode the sample request without FINGERPRINT, append an unknown attribute after
        // MESSAGE-INTEGRITY and check that integrity still verifies and the attribute is dropped.
        let message = try STUNMessage.decode(Self.sampleRequest)
        var bytes = message.encode(key: Self.password)
        bytes += [0x80, 0x99, 0x00, 0x04, 1, 2, 3, 4]
        let length = bytes.count - 20
        bytes[2] = UInt8(length >> 8)
        bytes[3] = UInt8(length & 0xFF)
        #expect(STUNMessage.checkIntegrity(of: bytes, key: Self.password) == .valid)
        let decoded = try STUNMessage.decode(bytes)
        #expect(!decoded.attributes.contains { $0.type.rawValue == 0x8099 })
    }

    @Test func sha256IntegrityRoundTrip() throws {
        let message = try STUNMessage.decode(Self.sampleRequest)
        let bytes = message.encode(key: Self.password, algorithm: .sha256, fingerprint: true)
        #expect(STUNMessage.checkIntegrity(of: bytes, key: Self.password) == .valid)
        #expect(STUNMessage.checkIntegrity(of: bytes, key: .shortTerm(password: "x")) == .invalid)
        let unsigned = message.encode()
        #expect(STUNMessage.checkIntegrity(of: unsigned, key: Self.password) == .missing)
    }
}
