import Foundation
import Logging
import RTCTestSupport
import ServiceLifecycle
import SignalingServer
import Testing
import RTCBase

/// A real signaling server on an ephemeral loopback port, for the length of a test. EngineTests
/// uses this same file through a symlink.
struct TestServer {
    let port: Int
    var url: String { "ws://127.0.0.1:\(port)/ws" }

    static let logger: Logger = {
        var logger = Logger(label: "test.signaling")
        // COLLAB_TEST_LOG=debug swift test --filter X shows what the server and clients did.
        logger.logLevel = ProcessInfo.processInfo.environment["COLLAB_TEST_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
        return logger
    }()

    /// Runs `body` against a fresh server; the server is shut down afterwards.
    static func with<T: Sendable>(
        _ configure: (inout SignalingServerConfiguration) -> Void = { _ in },
        _ body: (TestServer) async throws -> T
    ) async throws -> T {
        var configuration = SignalingServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        let running = try await start(configuration)
        do {
            let result = try await body(TestServer(port: running.port))
            await running.stop()
            return result
        } catch {
            await running.stop()
            throw error
        }
    }

    /// A started server and how to stop it.
    struct Running {
        let port: Int
        let group: ServiceGroup
        let task: Task<Void, any Error>

        func stop() async {
            await group.triggerGracefulShutdown()
            // Bounded: a server that cannot shut down fails the test instead of hanging the suite.
            let task = self.task
            do {
                _ = try await withTimeout(.seconds(30), "server shutdown") { await task.result }
            } catch {
                Issue.record(error)
                task.cancel()
            }
        }
    }

    static func start(
        _ configuration: SignalingServerConfiguration, onMetricsListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Running {
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let server = SignalingService(configuration: configuration, logger: logger) { sink.yield($0) } onMetricsListening: {
            onMetricsListening($0)
        }
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        let task = Task { try await group.run() }
        // Generous: under a full parallel test run a start can wait behind busy event loops.
        let port = try await withTimeout(.seconds(30), "server start") {
            var iterator = ports.makeAsyncIterator()
            return await iterator.next() ?? -1
        }
        return Running(port: port, group: group, task: task)
    }
}
