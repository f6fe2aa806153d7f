import RTCTestSupport
import STUN
import Testing

/// The parser is total: truncations and random mutations produce errors or messages, never traps.
@Suite struct MalformedInputTests {
    @Test func truncationsAreErrors() {
        let valid = RFC5769Tests.sampleRequest
        for length in 0..<valid.count {
            #expect(throws: STUNError.self) { try STUNMessage.decode(Array(valid.prefix(length))) }
        }
    }

    @Test func specificErrors() {
        var notSTUN = RFC5769Tests.sampleRequest
        notSTUN[0] = 0xC0
        #expect(throws: STUNError.notSTUN) { try STUNMessage.decode(notSTUN) }
        var cookie = RFC5769Tests.sampleRequest
        cookie[4] = 0
        #expect(throws: STUNError.badMagicCookie) { try STUNMessage.decode(cookie) }
        var length = RFC5769Tests.sampleRequest
        length[3] = 0x55
        #expect(throws: STUNError.self) { try STUNMessage.decode(length) }
        // An attribute whose length overruns the message.
        let overrun = hex("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00 20 61 62 63 64")
        #expect(throws: STUNError.truncatedAttribute(type: 6)) { try STUNMessage.decode(overrun) }
        // A PRIORITY of the wrong size.
        let badPriority = hex("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 24 00 02 00 01 00 00")
        #expect(throws: STUNError.invalidAttribute(type: 0x24)) { try STUNMessage.decode(badPriority) }
        // Invalid UTF-8 in USERNAME.
        let badText = hex("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00 02 ff fe 00 00")
        #expect(throws: STUNError.invalidText(type: 6)) { try STUNMessage.decode(badText) }
    }

    @Test func tooManyAttributesIsBounded() {
        var writer: [UInt8] = []
        for _ in 0..<(STUNMessage.maxAttributes + 1) { writer += [0x80, 0x99, 0x00, 0x00] }
        let length = UInt16(writer.count)
        let bytes = [0x00, 0x01, UInt8(length >> 8), UInt8(length & 0xFF), 0x21, 0x12, 0xA4, 0x42]
            + [UInt8](repeating: 0, count: 12) + writer
        #expect(throws: STUNError.tooManyAttributes) { try STUNMessage.decode(bytes) }
    }

    @Test func randomMutationsNeverTrap() async {
        var rng = SeededRandom(seed: 42)
        let seeds = [RFC5769Tests.sampleRequest, RFC5769Tests.ipv4Response, RFC5769Tests.ipv6Response,
                     RFC5769Tests.longTermRequest]
        var decodedCount = 0, errorCount = 0
        for iteration in 0..<100_000 {
            // Seconds of CPU: hand the pool's thread back now and then (see SDPMutationTests).
            if iteration % 2_000 == 0 { await Task.yield() }
            var bytes = seeds[iteration % seeds.count]
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                switch Int.random(in: 0..<4, using: &rng) {
                case 0:
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                case 1:
                    // Keep the length field consistent sometimes, so the attribute walker gets exercised.
                    bytes[Int.random(in: 20..<bytes.count, using: &rng)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
                case 2:
                    bytes.removeLast(Int.random(in: 0...min(8, bytes.count - 1), using: &rng))
                default:
                    bytes += (0..<4).map { _ in UInt8.random(in: 0...255, using: &rng) }
                    let length = bytes.count - 20
                    bytes[2] = UInt8(truncatingIfNeeded: length >> 8)
                    bytes[3] = UInt8(truncatingIfNeeded: length)
                }
                if bytes.isEmpty { break }
            }
            do {
                _ = try STUNMessage.decode(bytes)
                _ = STUNMessage.checkIntegrity(of: bytes, key: RFC5769Tests.password)
                decodedCount += 1
            } catch {
                errorCount += 1
            }
            _ = try? ChannelData.decode(bytes)
            _ = PacketKind(classifying: bytes)
        }
        #expect(decodedCount + errorCount == 100_000)
        #expect(errorCount > 0)
    }
}
