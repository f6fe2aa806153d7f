import RTCBase
import Testing

/// Hex text for fingerprints (RFC 8122 §5), transaction IDs and test vectors.
@Suite("Hex")
struct HexTests {
    @Test("Encodes lowercase by default, uppercase pairs with a separator for fingerprints")
    func encode() {
        #expect(Hex.encode([0x00, 0x0F, 0xA5, 0xFF]) == "000fa5ff")
        #expect(Hex.encode([0x00, 0x0F, 0xA5, 0xFF], uppercase: true, separator: ":") == "00:0F:A5:FF")
        #expect(Hex.encode([]) == "")
        #expect(Hex.encode([0xAB], separator: ":") == "ab")
    }

    @Test("Decodes either case; refuses odd digits, stray characters and misplaced separators")
    func decode() {
        #expect(Hex.decode("000fA5Ff") == [0x00, 0x0F, 0xA5, 0xFF])
        #expect(Hex.decode("00:0F:A5:FF", separator: ":") == [0x00, 0x0F, 0xA5, 0xFF])
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("00:0F:A5:FF") == nil, "separators where none are expected")
        #expect(Hex.decode("000F", separator: ":") == nil, "no separator where one is expected")
        #expect(Hex.decode("00:0F:", separator: ":") == nil)
        #expect(Hex.decode(":00:0F", separator: ":") == nil)
        #expect(Hex.decode("00::0F", separator: ":") == nil)
        #expect(Hex.decode("0:00F", separator: ":") == nil)
    }

    @Test("Every byte string survives a round trip, with and without separators")
    func roundTrip() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<64 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Hex.decode(Hex.encode(bytes)) == bytes)
            #expect(Hex.decode(Hex.encode(bytes, uppercase: true, separator: ":"), separator: ":") == bytes)
        }
    }
}
