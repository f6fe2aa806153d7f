import Foundation
import RTCTestSupport
import SignalingProtocol
import SignalingServer
import Testing
import RTCBase

/// Issue 12, finding 4: RFC 6455 close codes for what breaks the protocol, and fragments that
/// cost what the messages they make up would cost.
@Suite(.timeLimit(.minutes(1))) struct CloseCodeTests {
    typealias Frame = RawWebSocketFrame

    /// Sends `frames` on a fresh connection and returns the close code the server sends.
    static func closeCode(
        _ frames: [Frame], configure: @escaping (inout SignalingServerConfiguration) -> Void = { _ in }
    ) async throws -> UInt16? {
        try await TestServer.with(configure) { server in
            try await withTimeout(.seconds(20), "close code") {
                try await RawWebSocket.with(port: server.port) { socket in
                    for frame in frames { try await socket.send(frame) }
                    return try await socket.closeCode()
                }
            }
        }
    }

    @Test func invalidUTF8InATextFrameClosesWith1007() async throws {
        let code = try await Self.closeCode([Frame(opcode: Frame.text, fin: true, payload: [0x7B, 0x22, 0xFF, 0x22, 0x7D])])
        #expect(code == 1007)
    }

    @Test func invalidUTF8SplitAcrossFragmentsClosesWith1007() async throws {
        // A two-byte sequence cut between fragments is fine; a lone continuation byte is not.
        let code = try await Self.closeCode([
            Frame(opcode: Frame.text, fin: false, payload: Array(#"{"type":"ping","x":"\#u{E9}"#.utf8.dropLast())),
            Frame(opcode: Frame.continuation, fin: true, payload: [0xA9, 0x80, 0x22, 0x7D]),
        ])
        #expect(code == 1007)
    }

    @Test func aContinuationWithoutAMessageClosesWith1002() async throws {
        let code = try await Self.closeCode([Frame(opcode: Frame.continuation, fin: true, payload: Array("{}".utf8))])
        #expect(code == 1002)
    }

    @Test func aNewMessageInsideAFragmentedOneClosesWith1002() async throws {
        let code = try await Self.closeCode([
            Frame(opcode: Frame.text, fin: false, payload: Array("{".utf8)),
            Frame(opcode: Frame.text, fin: true, payload: Array("{}".utf8)),
        ])
        #expect(code == 1002)
    }

    @Test func anUnmaskedClientFrameClosesWith1002() async throws {
        try await TestServer.with { server in
            let code = try await withTimeout(.seconds(20), "close code") {
                try await RawWebSocket.with(port: server.port) { socket in
                    // A masked ping first: the check follows frames, not just the first one.
                    try await socket.sendText(ClientMessage.ping.jsonText())
                    _ = try await socket.receive()
                    try await socket.send(Frame(opcode: Frame.text, fin: true, payload: Array(ClientMessage.ping.jsonText().utf8)), masked: false)
                    return try await socket.closeCode()
                }
            }
            #expect(code == 1002)
        } as Void
    }

    @Test func aReservedOpcodeClosesWith1002() async throws {
        let code = try await Self.closeCode([Frame(opcode: 0x3, fin: true, payload: [])])
        #expect(code == 1002)
    }

    @Test func aFragmentedMessageOverFourTimesTheLimitClosesWith1009() async throws {
        let fragment = [UInt8](repeating: 0x20, count: 1000)
        let frames = [Frame(opcode: Frame.text, fin: false, payload: fragment)]
            + Array(repeating: Frame(opcode: Frame.continuation, fin: false, payload: fragment), count: 5)
        let code = try await Self.closeCode(frames, configure: { $0.maxMessageBytes = 1024 })
        #expect(code == 1009)
    }

    @Test func aSingleFrameOverFourTimesTheLimitClosesWith1009() async throws {
        try await TestServer.with({ $0.maxMessageBytes = 1024 }) { server in
            let code = try await withTimeout(.seconds(20), "close code") {
                try await RawWebSocket.with(port: server.port) { socket in
                    // Only the header (2 bytes, 16-bit length 5000, mask key): the server refuses on
                    // the length alone, and unread payload would turn its close into a reset.
                    let frame = Frame(opcode: Frame.text, fin: true, payload: [UInt8](repeating: 0x20, count: 5000))
                    try await socket.sendBytes(Array(frame.encoded(masked: true).prefix(8)))
                    return try await socket.closeCode()
                }
            }
            #expect(code == 1009)
        } as Void
    }

    @Test func fragmentsCountAgainstTheMessageRate() async throws {
        // `{"type":"ping"}` in 15 one-byte fragments against a burst of 10: the eleventh fragment
        // is one message too many. Before fragments were counted, this was a single `pong`.
        try await TestServer.with({ $0.messageBurst = 10; $0.messagesPerSecond = 0.001; $0.errorBurst = 100 }) { server in
            let reply = try await withTimeout(.seconds(20), "reply") {
                try await RawWebSocket.with(port: server.port) { socket in
                    let bytes = Array(ClientMessage.ping.jsonText().utf8)
                    for (index, byte) in bytes.enumerated() {
                        let opcode = index == 0 ? Frame.text : Frame.continuation
                        try await socket.send(Frame(opcode: opcode, fin: index == bytes.count - 1, payload: [byte]))
                    }
                    let frameReceived = try await socket.receive()
                    let frame = try #require(frameReceived)
                    return try ServerMessage.decode(Data(frame.payload))
                }
            }
            guard case .error(let error) = reply else {
                Issue.record("expected rate-limited, got \(reply)")
                return
            }
            #expect(error.code == .rateLimited)
        } as Void
    }
}
