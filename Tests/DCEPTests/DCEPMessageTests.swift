import DCEP
import Testing

@Suite("DCEP messages (RFC 8832)")
struct DCEPMessageTests {
    @Test("ACK is the single byte 0x02")
    func ack() throws {
        #expect(try DCEPMessage.ack.encoded() == [0x02])
        #expect(try DCEPMessage(bytes: [0x02]) == .ack)
        #expect(throws: DCEPError.trailingBytes(1)) { try DCEPMessage(bytes: [0x02, 0x00]) }
    }

    @Test("OPEN known answer: reliable ordered 'chat'")
    func openKnownAnswer() throws {
        let bytes: [UInt8] = [0x03, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0x00, 0x04, 0x00, 0x00] + Array("chat".utf8)
        let message = try DCEPMessage(bytes: bytes)
        #expect(message == .open(DCEPOpen(label: "chat")))
        #expect(try message.encoded() == bytes)
    }

    @Test("Channel types round-trip", arguments: [
        (true, DataChannelReliability.reliable, UInt8(0x00)),
        (false, .reliable, 0x80),
        (true, .maxRetransmits(3), 0x01),
        (false, .maxRetransmits(0), 0x81),
        (true, .maxPacketLifeTime(milliseconds: 150), 0x02),
        (false, .maxPacketLifeTime(milliseconds: 0), 0x82),
    ])
    func channelTypes(ordered: Bool, reliability: DataChannelReliability, type: UInt8) throws {
        let open = DCEPOpen(label: "ü-label", protocol: "proto", ordered: ordered, reliability: reliability, priority: 512)
        let bytes = try DCEPMessage.open(open).encoded()
        #expect(bytes[1] == type)
        #expect(try DCEPMessage(bytes: bytes) == .open(open))
    }

    @Test("Malformed messages are typed errors")
    func malformed() {
        #expect(throws: DCEPError.truncated) { try DCEPMessage(bytes: []) }
        #expect(throws: DCEPError.unknownMessageType(0x07)) { try DCEPMessage(bytes: [0x07]) }
        #expect(throws: DCEPError.truncated) { try DCEPMessage(bytes: [0x03, 0x00, 0x01]) }
        // Label length 5 but only 4 bytes follow.
        #expect(throws: DCEPError.truncated) {
            try DCEPMessage(bytes: [0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0] + Array("chat".utf8))
        }
        #expect(throws: DCEPError.unknownChannelType(0x03)) {
            try DCEPMessage(bytes: [0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        }
        #expect(throws: DCEPError.invalidUTF8) {
            try DCEPMessage(bytes: [0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0xFF])
        }
    }

    @Test("100k mutations of valid messages parse or throw, never trap")
    func mutations() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let seeds = [try DCEPMessage.open(DCEPOpen(label: "audio", protocol: "x", ordered: false,
                                                   reliability: .maxRetransmits(0))).encoded(), [0x02]]
        var parsed = 0
        for _ in 0..<100_000 {
            var bytes = seeds[Int(next() % 2)]
            switch next() % 3 {
            case 0 where !bytes.isEmpty: bytes[Int(next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: next())
            case 1: bytes = Array(bytes.prefix(Int(next() % UInt64(bytes.count + 1))))
            default: bytes.append(UInt8(truncatingIfNeeded: next()))
            }
            if (try? DCEPMessage(bytes: bytes)) != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }
}
