import Logging
import NIOCore
import NIOPosix
import PostgresNIO
@testable import SignalingServer
import Testing

/// A cluster connection that fails while the instance runs fails with ``ClusterConnectionError``,
/// not the start-up error: here a connect to a server that accepts the TCP connection and never
/// answers PostgreSQL's startup message runs past its deadline.
@Suite struct ClusterConnectionErrorTests {
    @Test func aConnectPastItsDeadlineIsAConnectionErrorNotAStartError() async throws {
        // Accepts connections and never reads or writes on them (closed at the end, so the
        // abandoned connect ends too).
        let (accepted, acceptedSink) = AsyncStream.makeStream(of: (any Channel).self)
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                acceptedSink.yield(channel)
                return channel.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(listener.localAddress?.port)
        let notifier = ClusterNotifier(purpose: "heartbeat", deadline: .seconds(1), logger: Logger(label: "test")) {
            PostgresConnection.Configuration(
                host: "127.0.0.1", port: port, username: "collab", password: nil, database: "postgres", tls: .disable)
        }
        let watchdog = Task { await notifier.watch() }
        do {
            try await notifier.run("SELECT 1")
            Issue.record("a statement went through a server that never answers")
        } catch let error as ClusterConnectionError {
            #expect(error.description == "connecting for heartbeat")
        } catch {
            Issue.record("expected a ClusterConnectionError, got \(String(reflecting: error))")
        }
        watchdog.cancel()
        await watchdog.value
        try await listener.close()
        acceptedSink.finish()
        for await channel in accepted { try? await channel.close() }
    }
}
