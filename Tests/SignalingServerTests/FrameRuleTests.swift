@testable import SignalingServer
import Testing

/// The sans-IO frame rules: message assembly (sizes, order, UTF-8) and the raw-byte scanner
/// (end of the request head, masks on client frames), fed byte sequences a live test cannot split
/// at will.
@Suite struct FrameRuleTests {
    typealias Output = MessageAssembler.Output

    /// Feeds frames in order and returns what each turned into.
    static func assemble(_ frames: [(continuation: Bool, fin: Bool, payload: [UInt8])], limit: Int = 100) -> [Output] {
        var assembler = MessageAssembler(hardLimit: limit)
        return frames.map { assembler.receive(isContinuation: $0.continuation, fin: $0.fin, payload: $0.payload) }
    }

    @Test func fragmentsAssembleIntoOneMessage() {
        let outputs = Self.assemble([
            (false, false, Array("{\"ty".utf8)), (true, false, Array("pe\":\"pi".utf8)), (true, true, Array("ng\"}".utf8)),
            (false, true, Array("{}".utf8)),
        ])
        #expect(outputs == [.fragment, .fragment, .message(Array(#"{"type":"ping"}"#.utf8)), .message(Array("{}".utf8))])
    }

    @Test func assemblyViolationsCarryTheirCloseReason() {
        #expect(Self.assemble([(true, true, [0x20])]) == [.violation(.protocolError("continuation frame without a message to continue"))])
        #expect(Self.assemble([(false, false, [0x7B]), (false, true, [0x7D])]).last == .violation(.protocolError("new message inside a fragmented one")))
        #expect(Self.assemble([(false, false, [0x20, 0x20, 0x20]), (true, true, [0x20, 0x20])], limit: 4).last == .violation(.tooBig("message over 4 bytes")))
        #expect(Self.assemble([(false, true, [0xC3])]) == [.violation(.invalidData("message is not UTF-8"))])
    }

    @Test func aDroppedFragmentSwallowsTheRestOfItsMessage() {
        var assembler = MessageAssembler(hardLimit: 100)
        let first = assembler.receive(isContinuation: false, fin: false, payload: [0x7B])
        assembler.drop(isContinuation: true, fin: false)
        let swallowed = assembler.receive(isContinuation: true, fin: false, payload: [0x20])
        let last = assembler.receive(isContinuation: true, fin: true, payload: [0x7D])
        let next = assembler.receive(isContinuation: false, fin: true, payload: Array("{}".utf8))
        #expect([first, swallowed, last, next] == [.fragment, .fragment, .fragment, .message(Array("{}".utf8))])
    }

    static let upgradeHead = Array(
        "GET / HTTP/1.1\r\nHost: x\r\nUPGRADE: WebSocket\r\nConnection: Upgrade\r\n\r\n".utf8)

    static func frame(masked: Bool, payload: Int) -> [UInt8] {
        RawWebSocketFrame(opcode: RawWebSocketFrame.text, fin: true, payload: [UInt8](repeating: 0x20, count: payload))
            .encoded(masked: masked)
    }

    @Test func theScannerFindsTheHeadEndAcrossReadsAndThenChecksEveryFrameMask() {
        var scanner = ClientByteScanner()
        let head = Self.upgradeHead
        var verdicts = [scanner.feed(head.prefix(head.count - 1)), scanner.feed(head.suffix(1))]
        // Masked frames of every length form pass, one byte at a time too.
        for length in [0, 125, 126, 70_000] {
            verdicts.append(scanner.feed(Self.frame(masked: true, payload: length)))
        }
        for byte in Self.frame(masked: true, payload: 3) { verdicts.append(scanner.feed([byte])) }
        let unmasked = scanner.feed(Self.frame(masked: false, payload: 3))
        let expected: [ClientByteScanner.Verdict] = [.pass, .headComplete] + Array(repeating: .pass, count: 4 + 9)
        #expect(verdicts == expected)
        #expect(unmasked == .unmaskedFrame)
    }

    @Test func theScannerCountsPongsForTheKeepalive() {
        var scanner = ClientByteScanner()
        _ = scanner.feed(Self.upgradeHead)
        let pong = RawWebSocketFrame(opcode: RawWebSocketFrame.pong, fin: true, payload: Array("collab".utf8)).encoded(masked: true)
        _ = scanner.feed(Self.frame(masked: true, payload: 10))
        _ = scanner.feed(pong)
        // A pong split across reads counts once, when its header is complete.
        for byte in pong { _ = scanner.feed([byte]) }
        #expect(scanner.pongs == 2)
    }

    @Test func plainHTTPIsNotReadAsFrames() {
        var scanner = ClientByteScanner()
        let get = Array("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        let first = scanner.feed(get)
        // A second request on the same connection: bytes that would be an unmasked frame.
        let second = scanner.feed(get)
        #expect(first == .headComplete)
        #expect(second == .pass)
    }
}
