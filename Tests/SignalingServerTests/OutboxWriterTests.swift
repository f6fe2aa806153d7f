import Foundation
import NIOCore
import NIOEmbedded
import NIOPosix
import NIOWebSocket
import SignalingProtocol
@testable import SignalingServer
import Testing

/// The outbox writer on a real loopback socket whose client reads only when a test says so:
/// what the server holds for a slow reader, and how the write clock sees its progress.
@Suite(.timeLimit(.minutes(1))) struct OutboxWriterTests {
    static let peer = UUID()
    static let offer = ServerMessage.offer(from: peer, sdp: String(repeating: "a", count: 16_000))
    /// One offer on the wire: its JSON and a 4-byte frame header (16-bit length, unmasked).
    static let frameBytes = offer.jsonBytes().count + 4

    /// The server side of a loopback connection (with the frame encoder and the close gate the
    /// server's pipeline has) and a client that reads on request.
    struct Pair {
        let server: any Channel
        let client: any Channel
        let reads: ReadCounter
        /// Open until ``close()``: closing it while the accepted channel's setup is still under
        /// way on its event loop closed that channel too, now and then (the test then failed with
        /// "I/O on closed channel" or waited forever for a read).
        let listener: any Channel

        /// Lets the client read once and waits for what arrives; the total bytes received.
        func readOnce() async throws -> Int {
            let (client, reads) = (self.client, self.reads)
            return try await client.eventLoop.flatSubmit {
                let promise = client.eventLoop.makePromise(of: Int.self)
                reads.waiting = promise
                client.read()
                return promise.futureResult
            }.get()
        }

        /// Reads until at least `bytes` arrived in all (bounded by how many reads that can take).
        func read(atLeast bytes: Int) async throws -> Int {
            let reads = self.reads
            var total = try await client.eventLoop.submit { reads.total }.get()
            for _ in 0..<(bytes / 64 + 1_000) where total < bytes {
                total = try await readOnce()
            }
            return total
        }

        /// Runs everything queued on the server's event loop before this (a writer's drain).
        func settle() async throws {
            try await server.eventLoop.submit {}.get()
        }

        static func make() async throws -> Pair {
            let group = MultiThreadedEventLoopGroup.singleton
            let (accepted, acceptedSink) = AsyncStream.makeStream(of: (any Channel).self)
            let listener = try await ServerBootstrap(group: group)
                // Small kernel buffers: what the server holds for the client is then almost all in NIO.
                .childChannelOption(.socketOption(.so_sndbuf), value: 4096)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let encoder = WebSocketFrameEncoder()
                        try channel.pipeline.syncOperations.addHandler(encoder)
                        try channel.pipeline.syncOperations.addHandler(CloseFrameGate(), position: .after(encoder))
                        acceptedSink.yield(channel)
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            let reads = ReadCounter()
            let client = try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.so_rcvbuf), value: 4096)
                .channelOption(.autoRead, value: false)
                .channelInitializer { $0.pipeline.addHandler(reads) }
                .connect(host: "127.0.0.1", port: listener.localAddress?.port ?? 0).get()
            // The listener's port may be one another test just probed as free: take the child
            // whose peer is this client, not the first connection accepted (a stranger's is
            // closed; any later one closes when its own client does).
            let mine = try #require(client.localAddress)
            var server: (any Channel)?
            var iterator = accepted.makeAsyncIterator()
            for _ in 0..<8 {
                guard let channel = await iterator.next() else { break }
                if channel.remoteAddress == mine {
                    server = channel
                    break
                }
                try? await channel.close()
            }
            guard let server else {
                try? await listener.close()
                throw NoServerChannel()
            }
            acceptedSink.finish()
            return Pair(server: server, client: client, reads: reads, listener: listener)
        }

        /// None of the connections the listener accepted came from the client.
        struct NoServerChannel: Error {}

        func close() async {
            try? await client.close()
            try? await server.close()
            try? await listener.close()
        }

        /// Kernel buffer space between the two: an upper bound on what the kernel can take
        /// from NIO while the client reads nothing.
        func kernelBytes() async throws -> Int {
            let sent = try await server.getOption(.socketOption(.so_sndbuf)).get()
            let received = try await client.getOption(.socketOption(.so_rcvbuf)).get()
            return Int(sent) + Int(received)
        }
    }

    /// Counts the bytes the client read; completes a waiting read when the read is over.
    final class ReadCounter: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        // Touched on the client's event loop only.
        var total = 0
        var waiting: EventLoopPromise<Int>?

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            total += unwrapInboundIn(data).readableBytes
        }

        func channelReadComplete(context: ChannelHandlerContext) {
            waiting?.succeed(total)
            waiting = nil
        }
    }

    static func writer(on pair: Pair, limit: Int) -> (ConnectionOutbox, OutboxWriter, WriteClock) {
        let outbox = ConnectionOutbox(limit: limit)
        let clock = WriteClock()
        let writer = OutboxWriter(outbox: outbox, channel: pair.server, writes: clock, metrics: SignalingMetrics()) { _ in }
        outbox.attach { writer.wake() }
        return (outbox, writer, clock)
    }

    /// Issue 15 review, finding 2: the writer took a whole outbox and handed it to NIO before
    /// looking at the socket, and the outbox then filled again, so a slow reader held twice the
    /// limit. Now what NIO holds counts against the limit: a burst the writer took, then a second
    /// one, are accepted only up to the limit (plus what the small kernel buffers took).
    @Test func aSlowReaderNeverMakesTheServerHoldMoreThanTheLimit() async throws {
        let pair = try await Pair.make()
        let limit = 32
        let (outbox, _, _) = Self.writer(on: pair, limit: limit)
        // Queued on the loop in one go, so the writer's drain sees the whole burst.
        let first = try await pair.server.eventLoop.submit {
            (0..<limit).filter { _ in outbox.yield(.message(Self.offer)) == .enqueued }.count
        }.get()
        #expect(first == limit)
        try await pair.settle()
        var accepted = first
        // Bounded: without a limit on what NIO holds, this stops at twice the limit.
        for _ in 0..<(4 * limit) {
            let result = try await pair.server.eventLoop.submit { outbox.yield(.message(Self.offer)) }.get()
            guard result == .enqueued else { break }
            accepted += 1
            try await pair.settle()
        }
        let kernel = try await pair.kernelBytes()
        let buffered = try await pair.server.getOption(.bufferedWritableBytes).get()
        #expect(
            accepted * Self.frameBytes <= limit * Self.frameBytes + kernel,
            "accepted \(accepted) with a limit of \(limit); NIO holds \(buffered) bytes")
        #expect(buffered <= limit * Self.frameBytes)
        // The writer goes on once the client reads: everything accepted arrives.
        let received = try await pair.read(atLeast: accepted * Self.frameBytes)
        #expect(received == accepted * Self.frameBytes)
        await pair.close()
    }

    /// Issue 15 review, finding 3: the write clock ran from the first wait until the latest burst
    /// was in the kernel, so a client reading about as fast as it received was cut as too slow.
    /// Now it runs from the last progress: after the client read part of a backlog, the clock
    /// starts after that read began, although the rest of the backlog is still waiting.
    @Test func theWriteClockCountsFromTheLastProgressNotTheFirstWait() async throws {
        let pair = try await Pair.make()
        let (outbox, _, clock) = Self.writer(on: pair, limit: 64)
        let count = 40
        try await pair.server.eventLoop.submit {
            for _ in 0..<count { outbox.yield(.message(Self.offer)) }
        }.get()
        try await pair.settle()
        let firstWait = try #require(clock.pendingSince)
        let beforeReading = ContinuousClock.now
        // Half the backlog: several bursts reach the kernel while the rest waits.
        _ = try await pair.read(atLeast: count / 2 * Self.frameBytes)
        try await pair.settle()
        let since = try #require(clock.pendingSince, "the rest of the backlog is still waiting")
        #expect(firstWait < beforeReading)
        #expect(since > beforeReading, "the clock still counts from the first wait")
        _ = try await pair.read(atLeast: count * Self.frameBytes)
        try await pair.settle()
        #expect(clock.pendingSince == nil)
        await pair.close()
    }

    /// Issue 15 review, finding 4, at the handler: once a close frame has passed, any frame
    /// after it fails instead of reaching the socket.
    @Test func theGateLetsNoFrameFollowACloseFrame() throws {
        try Self.letsNoFrameFollowACloseFrame(EmbeddedChannel(handler: CloseFrameGate()))
    }

    /// The relay fast path's handler keeps the same rule where it is in place (one handler less
    /// per connection).
    @Test func theFastPathHandlerLetsNoFrameFollowACloseFrame() throws {
        let hub = SignalingHub(configuration: SignalingServerConfiguration(), metrics: SignalingMetrics(), logger: TestServer.logger)
        let handler = RelayFastPathHandler(hub: hub, maxMessageBytes: 1024, messagesPerSecond: 10, burst: 10, now: .now)
        try Self.letsNoFrameFollowACloseFrame(EmbeddedChannel(handler: handler))
    }

    static func letsNoFrameFollowACloseFrame(_ channel: EmbeddedChannel) throws {
        try channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: "before"))).wait()
        var reason = ByteBuffer()
        reason.write(webSocketErrorCode: .goingAway)
        try channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: reason)).wait()
        #expect(throws: ChannelError.outputClosed) {
            try channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: "after"))).wait()
        }
        #expect(throws: ChannelError.outputClosed) {
            try channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer())).wait()
        }
        #expect(try channel.readOutbound(as: WebSocketFrame.self)?.opcode == .text)
        #expect(try channel.readOutbound(as: WebSocketFrame.self)?.opcode == .connectionClose)
        #expect(try channel.readOutbound(as: WebSocketFrame.self) == nil)
        _ = try channel.finish()
    }
}
