import Foundation
import SignalingProtocol
import Testing

/// A proxied member's offer or answer passes through the home with its sender stamped: the
/// output must be what the server writes for that relay, byte for byte, and anything but the
/// writer's exact form must be refused with its typed error (the caller then decodes in full).
@Suite struct RelayPassThroughTests {
    static let target = UUID(uuidString: "6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D")!
    static let sender = UUID(uuidString: "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D")!

    static func result(_ bytes: [UInt8]) -> Result<RelayPassThrough, RelayPassThroughError> {
        bytes.withUnsafeBytes { raw in Result { () throws(RelayPassThroughError) in try RelayPassThrough(clientJSON: raw) } }
    }

    static func result(_ text: String) -> Result<RelayPassThrough, RelayPassThroughError> {
        result(Array(text.utf8))
    }

    static func pass(_ text: String) throws(RelayPassThroughError) -> RelayPassThrough {
        try result(text).get()
    }

    @Test(arguments: [
        "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n",
        "",
        "quote \" backslash \\ tab \t backspace \u{08} formfeed \u{0C} slash /",
        String(repeating: "a=candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host\r\n", count: 40),
        "sigload p=1 s=2 d=3 n=4 t=5 u=6 " + String(repeating: "x", count: 300),
    ])
    func anOfferOrAnswerBecomesTheServersRelayOfIt(_ sdp: String) throws {
        for (client, server) in [
            (ClientMessage.offer(to: Self.target, sdp: sdp), ServerMessage.offer(from: Self.sender, sdp: sdp)),
            (.answer(to: Self.target, sdp: sdp), .answer(from: Self.sender, sdp: sdp)),
        ] {
            var passed = try Self.pass(client.jsonText())
            #expect(passed.target == Self.target)
            passed.stamp(sender: Self.sender)
            #expect(passed.serverJSON == server.jsonBytes())
            #expect(try ServerMessage.decode(Data(passed.serverJSON)) == server)
        }
    }

    @Test func restampingReplacesTheSender() throws {
        var passed = try Self.pass(ClientMessage.offer(to: Self.target, sdp: "v=0").jsonText())
        passed.stamp(sender: Self.target)
        passed.stamp(sender: Self.sender)
        #expect(passed.serverJSON == ServerMessage.offer(from: Self.sender, sdp: "v=0").jsonBytes())
    }

    static let peer = "6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D"

    /// Valid messages in another form, and malformed ones: each refused with what is wrong, so
    /// the caller decodes them in full (which accepts the valid ones and refuses the rest).
    @Test(arguments: [
        (#"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"c"}}"#, RelayPassThroughError.notARelay),
        (#"{"type":"leave"}"#, .notARelay),
        (#"{"to":"\#(peer)","type":"offer","sdp":"x"}"#, .notARelay),
        (#" {"type":"offer","to":"\#(peer)","sdp":"x"}"#, .notARelay),
        (#"{"type":"offers","to":"\#(peer)","sdp":"x"}"#, .notARelay),
        (#"{"type":"offer""#, .noTarget),
        (#"{"type":"offer","sdp":"x"}"#, .noTarget),
        (#"{"type":"offer","to":null,"sdp":"x"}"#, .noTarget),
        (#"{"type":"offer","to":"not-a-uuid-at-all-but-36-characters","sdp":"x"}"#, .badTarget),
        (#"{"type":"offer","to":"\#(peer)x","sdp":"x"}"#, .badTarget),
        (#"{"type":"offer","to":"6F1C2B7E"#, .badTarget),
        (#"{"type":"offer","to":"\#(peer)","sdp":"x""#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":"x"} "#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":"x","v":1}"#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":"x","sdp":"y"}"#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","from":"\#(peer)","sdp":"x"}"#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":7}"#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":null}"#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":"a\qb"}"#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":"a\u0041b"}"#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":"a\/b"}"#, .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":"ends in a backslash\"#, .notPlain),
        ("{\"type\":\"offer\",\"to\":\"\(peer)\",\"sdp\":\"raw\ncontrol\"}", .notPlain),
        (#"{"type":"offer","to":"\#(peer)","sdp":"caf\#u{E9}"}"#, .notPlain),
    ])
    func anythingButTheWritersFormIsRefused(_ text: String, _ expected: RelayPassThroughError) {
        switch Self.result(text) {
        case .success(let passed): Issue.record("passed through: \(String(decoding: passed.serverJSON, as: UTF8.self))")
        case .failure(let error): #expect(error == expected)
        }
    }

    /// Every prefix and every one-byte change of a valid offer either is refused or passes as
    /// the message the full decoder reads from it, stamped with the sender.
    @Test func truncatedAndMutatedOffersNeverPassAsSomethingElse() throws {
        let text = Array(ClientMessage.offer(to: Self.target, sdp: "v=0\r\na=\"x\"\\y\r\n").jsonText().utf8)
        var variants: [[UInt8]] = (0..<text.count).map { Array(text[..<$0]) }
        for index in text.indices {
            for byte: UInt8 in [0x00, 0x0A, 0x22, 0x5C, 0x7D, 0x41, 0x80, 0xE9] {
                var changed = text
                changed[index] = byte
                variants.append(changed)
            }
        }
        for variant in variants {
            guard case .success(var relay) = Self.result(variant) else { continue }
            relay.stamp(sender: Self.sender)
            let client = try ClientMessage.decode(Data(variant))
            let expected: ServerMessage
            switch client {
            case .offer(let to, let sdp):
                #expect(to == relay.target)
                expected = .offer(from: Self.sender, sdp: sdp)
            case .answer(let to, let sdp):
                #expect(to == relay.target)
                expected = .answer(from: Self.sender, sdp: sdp)
            default:
                Issue.record("passed a \(client)")
                continue
            }
            #expect(try ServerMessage.decode(Data(relay.serverJSON)) == expected)
        }
    }
}
