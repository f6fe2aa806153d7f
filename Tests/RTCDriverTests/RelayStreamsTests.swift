import ICE
import NIOCore
import NIOPosix
import RTCBase
@testable import RTCDriver
import Testing

/// ``RelayStreams/isEmpty`` (stored, asked after every flush of a driver) follows the connections:
/// opening, closed on the core's behalf, closed all at once, and ended by a refused connect.
@Suite struct RelayStreamsTests {
    static let loop = MultiThreadedEventLoopGroup.singleton.next()

    /// Hears of connections that ended, and says so on a stream a test can wait on.
    final class Recorder: RelayStreamReceiver, Sendable {
        let closed: AsyncStream<RelayConnection>
        private let continuation: AsyncStream<RelayConnection>.Continuation

        init() {
            (closed, continuation) = AsyncStream.makeStream(of: RelayConnection.self)
        }

        func receive(streamBytes: [UInt8], on connection: RelayConnection) {}

        func relayConnectionClosed(_ connection: RelayConnection, reason: String) {
            continuation.yield(connection)
        }
    }

    /// A TCP connection to 127.0.0.1:1, where nothing listens: the connect is refused.
    static func connection(id: Int) -> RelayConnection {
        RelayConnection(id: id, transport: .tcp, local: TransportAddress(ip: "127.0.0.1", port: 0)!,
                        server: TransportAddress(ip: "127.0.0.1", port: 1)!)
    }

    @Test func isEmptyFollowsRetainAndCloseAll() async throws {
        let states = try await Self.loop.submit {
            let streams = RelayStreams<Recorder>(eventLoop: Self.loop, options: RelayTransportOptions())
            var states = [streams.isEmpty]
            streams.write([1], on: Self.connection(id: 1))
            streams.write([2], on: Self.connection(id: 2))
            states.append(streams.isEmpty)
            streams.retain([Self.connection(id: 2)])
            states.append(streams.isEmpty)
            _ = streams.closeAll()
            states.append(streams.isEmpty)
            return states
        }.get()
        #expect(states == [true, false, false, true])
    }

    @Test func aRefusedConnectLeavesItEmpty() async throws {
        let recorder = Recorder()
        let (box, emptyWhileConnecting) = try await Self.loop.submit {
            let streams = RelayStreams<Recorder>(eventLoop: Self.loop, options: RelayTransportOptions())
            streams.receiver = recorder
            streams.write([1], on: Self.connection(id: 7))
            return (NIOLoopBound(streams, eventLoop: Self.loop), streams.isEmpty)
        }.get()
        #expect(!emptyWhileConnecting)
        let closed = try await withTimeout(.seconds(5), "the refused connect reported") {
            for await connection in recorder.closed { return connection.id }
            return -1
        }
        #expect(closed == 7)
        #expect(try await Self.loop.submit { box.value.isEmpty }.get())
    }
}
