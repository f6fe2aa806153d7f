import RTCTestSupport
import STUN
import RTCBase
import Testing

/// Every attribute encodes and decodes back to itself, alone and in random combinations.
@Suite struct AttributeRoundTripTests {
    static let v4 = TransportAddress("192.0.2.1:32853")!
    static let v6 = TransportAddress("[2001:db8::1]:3478")!

    static let samples: [STUNAttribute] = [
        .mappedAddress(v4), .mappedAddress(v6),
        .xorMappedAddress(v4), .xorMappedAddress(v6),
        .username("evtj:h6vY"), .realm("example.org"), .nonce("f//499k954d6OL34oL9FSTvy64sA"),
        .software("swift-ice 0.1"), .errorCode(.roleConflict), .errorCode(STUNErrorCode(code: 699, reason: "")),
        .unknownAttributes([0x0001, 0x7FFF, 0x1234]), .unknownAttributes([0x0002]),
        .priority(0x6E00_01FF), .useCandidate, .iceControlling(0x0102_0304_0506_0708), .iceControlled(.max),
        .channelNumber(0x4000), .channelNumber(0x7FFF), .lifetime(600),
        .xorPeerAddress(v4), .xorPeerAddress(v6), .data([]), .data([1, 2, 3, 4, 5]),
        .xorRelayedAddress(v4), .xorRelayedAddress(v6), .requestedTransport(17), .dontFragment,
        .unknown(type: 0xC057, value: [0, 1, 0, 2]), .unknown(type: 0x0018, value: [0x80]),
    ]

    @Test(arguments: samples)
    func singleAttributeRoundTrip(_ attribute: STUNAttribute) throws {
        var rng = SeededRandom(seed: 1)
        let message = STUNMessage(type: .bindingRequest, transactionID: .random(using: &rng), attributes: [attribute])
        let bytes = message.encode()
        #expect(bytes.count % 4 == 0)
        #expect(try STUNMessage.decode(bytes) == message)
    }

    @Test func randomizedRoundTrips() throws {
        var rng = SeededRandom(seed: 0x5EED)
        for _ in 0..<2000 {
            let count = Int.random(in: 0...10, using: &rng)
            let attributes = (0..<count).map { _ in Self.randomAttribute(using: &rng) }
            let type = STUNMessageType(method: STUNMethod(rawValue: UInt16.random(in: 0...0xFFF, using: &rng)),
                                       class: STUNClass.allCases.randomElement(using: &rng)!)
            let message = STUNMessage(type: type, transactionID: .random(using: &rng), attributes: attributes)
            let key = STUNIntegrityKey(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let withIntegrity = Bool.random(using: &rng)
            let bytes = message.encode(key: withIntegrity ? key : nil, fingerprint: Bool.random(using: &rng),
                                       padding: UInt8.random(in: 0...255, using: &rng))
            let decoded = try STUNMessage.decode(bytes)
            #expect(decoded.type == type)
            #expect(decoded.attributes.filter { $0.type != .messageIntegrity && $0.type != .fingerprint } == attributes)
            #expect(STUNMessage.checkIntegrity(of: bytes, key: key) == (withIntegrity ? .valid : .missing))
        }
    }

    static func randomAttribute(using rng: inout SeededRandom) -> STUNAttribute {
        func address() -> TransportAddress {
            let ip: IPAddress = Bool.random(using: &rng)
                ? .v4(UInt32.random(in: 0...UInt32.max, using: &rng))
                : .v6(high: rng.next(), low: rng.next())
            return TransportAddress(ip: ip, port: UInt16.random(in: 0...UInt16.max, using: &rng))
        }
        func text() -> String {
            let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789:/+é€マ")
            return String((0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        }
        func bytes() -> [UInt8] {
            (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        switch Int.random(in: 0..<20, using: &rng) {
        case 0: return .mappedAddress(address())
        case 1: return .xorMappedAddress(address())
        case 2: return .username(text())
        case 3: return .realm(text())
        case 4: return .nonce(text())
        case 5: return .software(text())
        case 6: return .errorCode(STUNErrorCode(code: UInt16.random(in: 300...699, using: &rng), reason: text()))
        case 7: return .unknownAttributes((0..<Int.random(in: 0...5, using: &rng)).map { _ in UInt16.random(in: 0...UInt16.max, using: &rng) })
        case 8: return .priority(UInt32.random(in: 0...UInt32.max, using: &rng))
        case 9: return .useCandidate
        case 10: return .iceControlling(rng.next())
        case 11: return .iceControlled(rng.next())
        case 12: return .channelNumber(UInt16.random(in: 0x4000...0x7FFF, using: &rng))
        case 13: return .lifetime(UInt32.random(in: 0...UInt32.max, using: &rng))
        case 14: return .xorPeerAddress(address())
        case 15: return .data(bytes())
        case 16: return .xorRelayedAddress(address())
        case 17: return .requestedTransport(17)
        case 18: return .dontFragment
        default: return .unknown(type: UInt16.random(in: 0xC000...0xFFFF, using: &rng), value: bytes())
        }
    }
}
