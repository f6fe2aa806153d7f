import SCTP
import Testing

/// The CRC32c checksum of every packet (RFC 9260 §6.8, Appendix A), now filled in and checked by
/// the shim with the CPU's instruction: checked here against a plain bitwise implementation.
@Suite(.timeLimit(.minutes(1))) struct ChecksumTests {
    /// Bitwise CRC32c (Castagnoli, reflected polynomial 0x82F63B78), the reference for the tests.
    static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    @Test func referenceMatchesRFC3720Vector() {
        // RFC 3720 §B.4: 32 bytes of zeros give aa 36 91 8a on the wire.
        #expect(Self.crc32c([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    }

    @Test func everyPacketCarriesItsChecksumLeastSignificantByteFirst() throws {
        let pair = try AssociationPair(connect: false)
        pair.a.connect(now: pair.now)
        pair.b.connect(now: pair.now)
        var checked = 0
        func check(_ association: SCTPAssociation) {
            while let packet = association.pollTransmit() {
                var zeroed = packet
                zeroed.replaceSubrange(8..<12, with: [0, 0, 0, 0])
                let crc = Self.crc32c(zeroed)
                #expect(Array(packet[8..<12]) == [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)])
                checked += 1
                if association === pair.a { pair.b.handle(packet: packet, now: pair.now) } else { pair.a.handle(packet: packet, now: pair.now) }
            }
        }
        for _ in 0..<20 {
            check(pair.a)
            check(pair.b)
        }
        #expect(pair.a.state == .connected && pair.b.state == .connected)
        try pair.a.send([UInt8](repeating: 7, count: 5000), stream: 0, ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
        check(pair.a)
        #expect(checked >= 8)
    }

    @Test func aPacketWithAWrongChecksumIsDropped() throws {
        let pair = try AssociationPair()
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        try pair.a.send([1, 2, 3], stream: 0, ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
        var packet = try #require(pair.a.pollTransmit())
        packet[8] ^= 0x01
        pair.b.handle(packet: packet, now: pair.now)
        pair.tick(.milliseconds(1))
        #expect(!pair.eventsB.contains { if case .message = $0 { true } else { false } })
    }
}
