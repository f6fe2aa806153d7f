import Foundation
@testable import SignalingProtocol
import Testing

/// The relay scanner must agree with `JSONDecoder` on everything it accepts, and leave the
/// rest (every malformed message among it) to the full decoder and its typed errors.
@Suite struct RelayMessageScannerTests {
    static let peer = "6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D"

    static func scan(_ text: String) -> ClientMessage? {
        Array(text.utf8).withUnsafeBytes { RelayMessageScanner.scan($0) }
    }

    /// Both decoding paths, as a comparable result.
    static func decodeBothWays(_ text: String) -> (Result<ClientMessage, SignalingError>, Result<ClientMessage, SignalingError>) {
        let full = Result { () throws(SignalingError) in try ClientMessage.decode(Data(text.utf8)) }
        let fast = Result { () throws(SignalingError) in try ClientMessage.decode(utf8: Array(text.utf8)) }
        return (full, fast)
    }

    @Test(arguments: [
        #"{"type":"offer","to":"\#(peer)","sdp":"v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n"}"#,
        #"{"type":"answer","to":"\#(peer.lowercased())","sdp":"v=0"}"#,
        #"{"type":"offer","to":"\#(peer)","from":"spoofed-by-client","sdp":"sigload p=1 xxxx"}"#,
        #" { "sdp" : "a\"b\\c\/d\te" , "type" : "offer" , "to" : null , "v" : 1 } "#,
        #"{"type":"offer","sdp":"x"}"#,
        #"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"candidate:1 1 udp 1 127.0.0.1 5000 typ host","sdpMid":"0","sdpMLineIndex":0}}"#,
        #"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"","sdpMid":null,"sdpMLineIndex":null}}"#,
        #"{"type":"candidate","candidate":{"candidate":"c"}}"#,
        #"{"type":"offer","to":"\#(peer)","sdp":"caf\#u{E9} \#u{1F3B8}"}"#,
        #"{"type":"offer","to":"\#(peer)","from":"a\"b\\c\/d\ne","sdp":"x"}"#,
        // A browser's RTCIceCandidate.toJSON(), as collab.js would relay it (review finding 8).
        #"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"candidate:842163049 1 udp 1677729535 192.0.2.7 46154 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag sXb1 network-cost 999","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"sXb1"}}"#,
        #"{"type":"candidate","to":"\#(peer)","candidate":{"usernameFragment":null,"candidate":"c","sdpMid":"0"}}"#,
    ])
    func acceptsRelaysAsTheDecoderReadsThem(_ text: String) throws {
        let scanned = try #require(Self.scan(text))
        #expect(scanned == (try ClientMessage.decode(Data(text.utf8))))
    }

    @Test(arguments: [
        // Malformed: the full decoder answers with its typed error.
        #"{"type":"offer","to":"\#(peer)","sdp":"x""#,
        #"{"type":"offer","to":"\#(peer)","sdp":"x"} trailing"#,
        #"{"type":"offer","to":"not-a-uuid","sdp":"x"}"#,
        #"{"type":"offer","to":"\#(peer)","sdp":7}"#,
        #"{"type":"offer","to":"\#(peer)","sdp":null}"#,
        #"{"type":"offer","to":"\#(peer)"}"#,
        #"{"type":"offer","to":"\#(peer)","sdp":"x","v":2}"#,
        #"{"type":"offer","to":"\#(peer)","sdp":"x","v":1.5}"#,
        #"{"type":"offer","to":"\#(peer)","sdp":"a\qb"}"#,
        "{\"type\":\"offer\",\"sdp\":\"raw\ncontrol\"}",
        #"{"type":"candidate","to":"\#(peer)","candidate":{"sdpMid":"0"}}"#,
        #"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"c","sdpMLineIndex":-1}}"#,
        // More digits than Int holds: the scanner stops counting, it does not overflow (fuzzer, session 9).
        #"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"c","sdpMLineIndex":99999999999999999999999999}}"#,
        #"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"c","sdpMLineIndex":1234567}}"#,
        #"{"type":"candidate","to":"\#(peer)","candidate":"c"}"#,
        #"{"type":"dance","to":"\#(peer)","sdp":"x"}"#,
        #"[{"type":"offer","sdp":"x"}]"#,
        // Escapes JSON does not have, in a field the decoder otherwise ignores (review finding 5).
        #"{"type":"offer","to":"\#(peer)","from":"a\qb","sdp":"x"}"#,
        #"{"type":"answer","to":"\#(peer)","from":"\x41","sdp":"x"}"#,
        #"{"type":"candidate","to":"\#(peer)","from":"\'","candidate":{"candidate":"c"}}"#,
        #"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"c","usernameFragment":"a\qb"}}"#,
        #"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"c","usernameFragment":"u","usernameFragment":"v"}}"#,
        #"{"type":"candidate","to":"\#(peer)","candidate":{"candidate":"c","usernameFragment":7}}"#,
        #"{"type":"offer","usernameFragment":"u","sdp":"x"}"#,
        // Valid, but outside the scanner's subset: the full decoder reads them.
        #"{"type":"offer","to":"\#(peer)","sdp":"\u0041"}"#,
        #"{"type":"offer","sdp":"x","type":"answer"}"#,
        #"{"type":"offer","sdp":"x","extra":{"nested":[1,2]}}"#,
        #"{"type":"offer","sdp":"x","extra":3}"#,
        #"{"type":"ping"}"#,
        #"{"type":"join-code","roomCode":"K7QX2M","name":"Ana"}"#,
    ])
    func leavesTheRestToTheDecoder(_ text: String) {
        #expect(Self.scan(text) == nil)
        let (full, fast) = Self.decodeBothWays(text)
        #expect(full == fast)
    }

    /// A `from` (which the decoder reads and drops) that is not UTF-8: both paths refuse it alike
    /// (review finding 5).
    @Test(arguments: [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80]] as [[UInt8]])
    func invalidUTF8InFromIsTheDecodersToRefuse(_ bad: [UInt8]) {
        let bytes = Array(#"{"type":"offer","to":"\#(Self.peer)","from":""#.utf8) + bad + Array(#"","sdp":"x"}"#.utf8)
        #expect(bytes.withUnsafeBytes { RelayMessageScanner.scan($0) } == nil)
        let full = Result { () throws(SignalingError) in try ClientMessage.decode(Data(bytes)) }
        let fast = Result { () throws(SignalingError) in try ClientMessage.decode(utf8: bytes) }
        #expect(full == fast)
    }

    /// Seeded mutations of relay messages (bytes JSON and the scanner treat specially put in,
    /// taken out or replaced): the fast path must give exactly what the decoder gives, message or
    /// error, on every one (the fuzzer's SignalingFuzz checks the same with libFuzzer).
    @Test func scannerAndDecoderAgreeOnMutatedRelays() async {
        let seeds = [
            #"{"type":"offer","to":"\#(Self.peer)","from":"a\"b\/c","sdp":"v=0\r\n","v":1}"#,
            #"{"type":"candidate","to":"\#(Self.peer)","candidate":{"candidate":"c","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"u"}}"#,
            #"{"type":"answer","to":null,"sdp":"x"}"#,
        ].map { Array($0.utf8) }
        let special: [UInt8] = Array(#"\"{}[],:0123456789-+.eEnulltrufx/bfnrt "#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xED, 0xFF]
        // A fixed linear congruential generator: the same mutations every run.
        var seed: UInt64 = 0x15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        var disagreements: [String] = []
        for round in 0..<20_000 {
            // Over a second of CPU: hand the pool's thread back now and then (see SDPMutationTests).
            if round % 1_000 == 0 { await Task.yield() }
            var bytes = seeds[round % seeds.count]
            for _ in 0...next(3) {
                let at = next(bytes.count)
                switch next(3) {
                case 0: bytes[at] = special[next(special.count)]
                case 1: bytes.insert(special[next(special.count)], at: at)
                default: bytes.remove(at: at)
                }
            }
            let full = Result { () throws(SignalingError) in try ClientMessage.decode(Data(bytes)) }
            let fast = Result { () throws(SignalingError) in try ClientMessage.decode(utf8: bytes) }
            if full != fast, disagreements.count < 5 { disagreements.append(String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    @Test func uuidTextRoundTrips() throws {
        let id = UUID()
        var text: [UInt8] = []
        id.appendASCII(to: &text)
        #expect(String(decoding: text, as: UTF8.self) == id.uuidString)
        #expect(UUID(asciiHex: text) == id)
        #expect(UUID(asciiHex: Array(id.uuidString.lowercased().utf8)) == id)
        #expect(UUID(asciiHex: Array("6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4".utf8)) == nil)
        #expect(UUID(asciiHex: Array("6F1C2B7E00E0B-4C44-9B62-3D5C1A2B3C4D".utf8)) == nil)
        #expect(UUID(asciiHex: Array("6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3CXD".utf8)) == nil)
    }

    @Test func writerEscapesAsBefore() throws {
        let sdp = "quote \" backslash \\ newline \n return \r tab \t bell \u{07} nul \u{00} caf\u{E9}"
        let bytes = ServerMessage.offer(from: UUID(uuidString: Self.peer)!, sdp: sdp).jsonBytes()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(object == ["type": "offer", "from": Self.peer, "sdp": sdp])
        #expect(try ServerMessage.decode(Data(bytes)) == .offer(from: UUID(uuidString: Self.peer)!, sdp: sdp))
    }

    /// The server messages instances relay to each other: the scanner and `JSONDecoder` agree,
    /// and everything else goes to the full decoder.
    @Test(arguments: [
        #"{"type":"offer","from":"\#(peer)","sdp":"v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n"}"#,
        #"{"type":"answer","from":"\#(peer.lowercased())","sdp":"a\"b\\c\/d\te","v":1}"#,
        #"{"type":"candidate","from":"\#(peer)","candidate":{"candidate":"c","sdpMid":"0","sdpMLineIndex":3}}"#,
    ])
    func scansRelayedServerMessages(_ text: String) throws {
        let scanned = try #require(Array(text.utf8).withUnsafeBytes { RelayMessageScanner.scanServer($0) })
        #expect(scanned == (try ServerMessage.decode(Data(text.utf8))))
        #expect(try ServerMessage.decode(utf8: Array(text.utf8)) == scanned)
    }

    @Test(arguments: [
        #"{"type":"offer","sdp":"x"}"#,
        #"{"type":"offer","from":"not-a-uuid","sdp":"x"}"#,
        #"{"type":"offer","to":"\#(peer)","from":"\#(peer)","sdp":"x"}"#,
        #"{"type":"offer","from":"\#(peer)","sdp":"\u00e9"}"#,
        #"{"type":"pong"}"#,
        #"{"type":"host-changed","hostID":"\#(peer)"}"#,
    ])
    func leavesOtherServerMessagesToTheDecoder(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { RelayMessageScanner.scanServer($0) } == nil)
        let full = Result { () throws(SignalingError) in try ServerMessage.decode(Data(text.utf8)) }
        let fast = Result { () throws(SignalingError) in try ServerMessage.decode(utf8: Array(text.utf8)) }
        #expect(full == fast)
    }
}
