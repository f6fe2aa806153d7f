import Foundation
import RTCBase
import RTCTestSupport
import SignalingProtocol
import ServiceLifecycle
import SignalingServer
import Testing

/// A connection whose client stops reading while the server still has frames for it, over real
/// loopback sockets: it is closed in bounded time, and no frame follows a close frame.
@Suite(.timeLimit(.minutes(1))) struct StalledWriterTests {
    static let offerBytes = 16_000
    /// Far more than a small receive buffer, the raw client's read-ahead and the kernel's send
    /// buffer hold together (about 1 MB), far fewer than the outbound queue limit.
    static let offers = 200

    static func configure(_ configuration: inout SignalingServerConfiguration) {
        configuration.port = 0
        configuration.writeTimeout = .seconds(1)
        configuration.pingInterval = .seconds(60)
        configuration.resumeGrace = .zero
        configuration.shutdownGrace = .seconds(1)
        configuration.closeTimeout = .seconds(1)
        configuration.messagesPerSecond = 100_000
        configuration.messageBurst = 100_000
        configuration.errorsPerSecond = 0.001
        configuration.errorBurst = 1
    }

    /// The next server message `socket` receives that `match` accepts (pings answered on the way).
    static func receive(
        _ socket: inout RawWebSocket, _ what: String, where match: (ServerMessage) -> Bool
    ) async throws -> ServerMessage {
        // Bounded: a test's sockets see a few hundred messages at most.
        for _ in 0..<1000 {
            guard let frame = try await socket.receive(), frame.opcode != RawWebSocketFrame.close else { break }
            let message = try ServerMessage.decode(Data(frame.payload))
            if match(message) { return message }
        }
        throw RawWebSocket.Failure(description: "no \(what)")
    }

    /// `sender` creates a room, `target` joins it with a small receive buffer and reads nothing
    /// more, and `sender` relays ``offers`` offers of ``offerBytes`` to it; once `sender` has its
    /// pong they are all in the target's outbox or on their way. Runs `body` with the target's
    /// socket and participant ID, and the sender's socket.
    static func stallTarget(
        port: Int, _ body: (inout RawWebSocket, UUID, inout RawWebSocket) async throws -> Void
    ) async throws {
        try await RawWebSocket.with(port: port) { sender in
            try await sender.sendText(ClientMessage.createRoom(name: "Sender", password: nil).jsonText())
            guard case .roomCreated(let room) = try await receive(&sender, "room", where: { _ in true }) else {
                throw RawWebSocket.Failure(description: "no room")
            }
            try await RawWebSocket.with(port: port, receiveBuffer: 4096) { target in
                try await target.sendText(ClientMessage.joinCode(roomCode: room.roomCode.value, name: "Target", password: nil).jsonText())
                guard case .joined(let joined) = try await receive(&target, "joined", where: { _ in true }) else {
                    throw RawWebSocket.Failure(description: "no joined")
                }
                let targetID = joined.participantID
                _ = try await receive(&sender, "participant-joined") {
                    if case .participantJoined(let info) = $0 { info.id == targetID } else { false }
                }
                let offer = ClientMessage.offer(to: targetID, sdp: String(repeating: "a", count: offerBytes)).jsonText()
                for _ in 0..<offers { try await sender.sendText(offer) }
                // The sender's frames are handled in order: its pong comes after every relay.
                try await sender.sendText(ClientMessage.ping.jsonText())
                _ = try await receive(&sender, "pong") { $0 == .pong }
                try await body(&target, targetID, &sender)
            }
        }
    }

    /// Issue 15 review, finding 1: a connection whose reader has ended (here closed for abuse)
    /// while its writer waits for a client that reads nothing is one the hub has forgotten; its
    /// timer must close it, or it lives forever and graceful shutdown waits for it in vain.
    @Test func aConnectionWhoseReaderEndedIsClosedWhenItsWritesStall() async throws {
        var configuration = SignalingServerConfiguration()
        Self.configure(&configuration)
        let running = try await TestServer.start(configuration)
        try await Self.stallTarget(port: running.port) { target, targetID, sender in
            // Two bad messages with a burst of one: the second closes the target for abuse, its
            // reader ends, and the hub forgets it (its member leaves at once, no resume grace).
            try await target.sendText("not json")
            try await target.sendText("not json")
            _ = try await Self.receive(&sender, "the target leaving") {
                if case .participantLeft(targetID, _) = $0 { true } else { false }
            }
            // The target still reads nothing: only the server can end its connection now.
            await running.group.triggerGracefulShutdown()
            let task = running.task
            let ended = try? await withTimeout(.seconds(20), "server shutdown with a stalled connection") {
                await task.result
            }
            #expect(ended != nil, "the stalled connection was never closed")
        }
        await running.stop()
    }

    /// Issue 15 review, finding 4: at shutdown the WebSocket layer sends its own close frame while
    /// relays are still queued; not one of them may follow it.
    @Test func noFrameFollowsACloseFrameWhenTheServerShutsDownMidRelay() async throws {
        var configuration = SignalingServerConfiguration()
        Self.configure(&configuration)
        configuration.writeTimeout = .seconds(30)
        configuration.shutdownGrace = .seconds(10)
        let running = try await TestServer.start(configuration)
        try await Self.stallTarget(port: running.port) { target, _, _ in
            await running.group.triggerGracefulShutdown()
            var closed = false
            var afterClose = 0
            var offers = 0
            // Bounded: the offers, a close frame or two and a few pings.
            for _ in 0..<(Self.offers + 100) {
                guard let frame = try await target.receiveFrame() else { break }
                if closed, frame.opcode != RawWebSocketFrame.close { afterClose += 1 }
                switch frame.opcode {
                case RawWebSocketFrame.close:
                    if !closed {
                        try? await target.send(
                            RawWebSocketFrame(opcode: RawWebSocketFrame.close, fin: true, payload: Array(frame.payload.prefix(2))))
                    }
                    closed = true
                case RawWebSocketFrame.text:
                    offers += 1
                default:
                    break
                }
            }
            #expect(closed)
            #expect(afterClose == 0, "\(afterClose) frames followed the close frame (after \(offers) offers)")
        }
        let task = running.task
        let ended = try? await withTimeout(.seconds(20), "server shutdown") { await task.result }
        #expect(ended != nil)
    }
}
