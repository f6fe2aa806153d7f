import Foundation
import RTCBase
import RTCTestSupport
import Testing

@testable import Collaboration

@Suite("Bio and signal sealing", .timeLimit(.minutes(1)))
struct SealerTests {
    static let room = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!
    static let ana = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!
    static let ben = UUID(uuidString: "00000000-0000-0000-0000-0000000000B2")!
    // One PBKDF2 round keeps the suite fast; the real count is exercised once below.
    static func keys(_ secret: String = "blue heron", room: UUID = room) throws -> RoomKeys {
        try RoomKeys(secret: secret, roomID: room, rounds: 1)
    }
    static let sample = BioSample(heartRate: 64, rmssd: 55, coherence: 0.8, breathingRate: 6,
                                  breathingPhase: 2, rrIntervals: [930, 950], timestamp: 123)

    @Test("a bio sample round-trips sealed, and the sealed payload is a bio payload of kind 2")
    func bioRoundTrip() throws {
        var random = SeededRandom(seed: 1)
        let sealer = try Self.keys().bioSealer
        let sealed = try sealer.seal(Self.sample, sender: Self.ana, using: &random)
        #expect(sealed.prefix(2) == [1, 2])
        #expect(try BioPayload(decoding: sealed) == .sealed(sealed))
        #expect(try sealer.open(sealed, sender: Self.ana) == Self.sample)
        // Same sample twice: different nonces, different bytes.
        #expect(try sealer.seal(Self.sample, sender: Self.ana, using: &random) != sealed)
    }

    @Test("a wrong secret or another room is refused as wrongSecret")
    func wrongSecret() throws {
        var random = SeededRandom(seed: 2)
        let sealed = try Self.keys().bioSealer.seal(Self.sample, sender: Self.ana, using: &random)
        #expect(throws: SealError.wrongSecret) { try Self.keys("blue herring").bioSealer.open(sealed, sender: Self.ana) }
        #expect(throws: SealError.wrongSecret) { try Self.keys(room: UUID()).bioSealer.open(sealed, sender: Self.ana) }
        let text = try Self.keys().signalSealer.seal("v=0", from: Self.ana, to: Self.ben, using: &random)
        #expect(throws: SealError.wrongSecret) { try Self.keys("x").signalSealer.open(text, from: Self.ana, to: Self.ben) }
    }

    @Test("any altered byte, or another sender, is refused")
    func tampering() throws {
        var random = SeededRandom(seed: 3)
        let sealer = try Self.keys().bioSealer
        let sealed = try sealer.seal(Self.sample, sender: Self.ana, using: &random)
        for index in 6..<sealed.count {  // past version, kind and key ID
            var altered = sealed
            altered[index] ^= 0x01
            #expect(throws: SealError.authenticationFailed) { try sealer.open(altered, sender: Self.ana) }
        }
        #expect(throws: SealError.authenticationFailed) { try sealer.open(sealed, sender: Self.ben) }
        #expect(throws: SealError.malformed(.truncated)) { try sealer.open(Array(sealed.prefix(20)), sender: Self.ana) }
        #expect(throws: SealError.malformed(.unknownType(1))) { try sealer.open(Self.sample.encoded(), sender: Self.ana) }
    }

    @Test("signal strings round-trip in compact form and are bound to sender and recipient")
    func signal() throws {
        var random = SeededRandom(seed: 4)
        let sealer = try Self.keys().signalSealer
        let sdp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\na=fingerprint:sha-256 AB:CD\r\n"
        let sealed = try sealer.seal(sdp, from: Self.ana, to: Self.ben, using: &random)
        #expect(sealed.hasPrefix("c1."))
        #expect(sealed.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) })
        #expect(try sealer.open(sealed, from: Self.ana, to: Self.ben) == sdp)
        #expect(throws: SealError.authenticationFailed) { try sealer.open(sealed, from: Self.ben, to: Self.ana) }
        var characters = Array(sealed)
        characters[40] = characters[40] == "A" ? "B" : "A"
        #expect(throws: SealError.authenticationFailed) { try sealer.open(String(characters), from: Self.ana, to: Self.ben) }
        #expect(throws: SealError.malformed(.unsupportedVersion(0))) { try sealer.open("v=0", from: Self.ana, to: Self.ben) }
        #expect(throws: SealError.malformed(.invalidValue("sealed.base64url"))) {
            try sealer.open("c1.*not base64*", from: Self.ana, to: Self.ben)
        }
        #expect(throws: SealError.self) {
            try sealer.seal(String(repeating: "x", count: 60_000), from: Self.ana, to: Self.ben, using: &random)
        }
    }

    @Test("different rooms and purposes give different keys; the same inputs the same key")
    func keySeparation() throws {
        let a = try Self.keys()
        let b = try Self.keys(room: UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC96500")!)
        let again = try Self.keys()
        #expect(a.bioKey != b.bioKey)
        #expect(a.signalKey != b.signalKey)
        #expect(a.bioKey != a.signalKey)
        #expect(a.bioKey == again.bioKey)
        #expect(a.bioSealer.cipher.keyID != b.bioSealer.cipher.keyID)
    }

    @Test("the real PBKDF2 round count derives keys peers agree on")
    func realRounds() throws {
        var random = SeededRandom(seed: 5)
        let start = ContinuousClock.now
        let keys = try RoomKeys(secret: "blue heron", roomID: Self.room)
        let elapsed = ContinuousClock.now - start
        let sealed = try keys.signalSealer.seal("hello", from: Self.ana, to: Self.ben, using: &random)
        #expect(try RoomKeys(secret: "blue heron", roomID: Self.room).signalSealer.open(sealed, from: Self.ana, to: Self.ben) == "hello")
        #expect(throws: SealError.wrongSecret) {
            try Self.keys().signalSealer.open(sealed, from: Self.ana, to: Self.ben)  // 1 round ≠ 210 000
        }
        #expect(elapsed < .seconds(10), "PBKDF2 took \(elapsed)")
    }

    @Test("base64url round-trips every length and refuses non-canonical text")
    func base64url() {
        var random = SeededRandom(seed: 6)
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(Base64URL.decode(Substring(Base64URL.encode(bytes))) == bytes)
        }
        #expect(Base64URL.encode(Array("foob".utf8)) == "Zm9vYg")
        #expect(Base64URL.decode("Zm9vYh") == nil)  // unused bits set
        #expect(Base64URL.decode("Zm9vY") == nil)   // impossible length
        #expect(Base64URL.decode("Zm9v+g") == nil)  // standard alphabet
    }
}
