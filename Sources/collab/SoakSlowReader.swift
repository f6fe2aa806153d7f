import Foundation
import NIOCore
import NIOPosix
import SignalingProtocol

/// A soak client that joins a room and then never reads: a tiny receive buffer, the upgrade
/// answer read, one masked `join-code` frame sent, and then nothing, so the server's writes to it
/// stall until its write deadline closes the socket. Written on raw NIO because a WebSocket
/// library reads on its own.
enum SoakSlowReader {
    /// Joins `code` on `port` and holds the socket, unread, for `hold` (or until the server closes it).
    static func run(port: Int, code: String, hold: Duration) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_rcvbuf), value: 4096)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            let request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            try await outbound.write(ByteBuffer(string: request))
            var head: [UInt8] = []
            var iterator = inbound.makeAsyncIterator()
            // Bounded: a 101 response is a few hundred bytes.
            while head.count < 16_384, head.firstRange(of: Array("\r\n\r\n".utf8)) == nil {
                guard let chunk = try await iterator.next() else { return }
                head += chunk.readableBytesView
            }
            let join = ClientMessage.joinCode(roomCode: code, name: "slow reader", password: nil).jsonText()
            try await outbound.write(ByteBuffer(bytes: maskedTextFrame(Array(join.utf8))))
            try? await Task.sleep(for: hold)
        }
    }

    /// One final, masked text frame (RFC 6455 section 5.2); payloads here are under 64 KiB.
    static func maskedTextFrame(_ payload: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return frame
    }
}
