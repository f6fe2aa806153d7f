import Foundation
import Logging
import RTCTestSupport
import ServiceLifecycle
import SignalingServer
import Testing

/// A real signaling server on an ephemeral loopback port, for the length of a test.
struct TestServer {
    let port: Int
    var url: String { "ws://127.0.0.1:\(port)/ws" }

    static let logger: Logger = {
        var logger = Logger(label: "test.engine")
        // COLLAB_TEST_LOG=debug swift test --filter EngineTests shows what the engines did.
        logger.logLevel = ProcessInfo.processInfo.environment["COLLAB_TEST_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
        return logger
    }()

    /// Runs `body` against a fresh server; the server is shut down afterwards.
    static func with<T: Sendable>(_ body: (TestServer) async throws -> T) async throws -> T {
        var configuration = SignalingServerConfiguration()
        configuration.port = 0
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let server = SignalingService(configuration: configuration, logger: logger) { sink.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        let task = Task { try await group.run() }
        let port = try await withTimeout(.seconds(10), "server start") {
            var iterator = ports.makeAsyncIterator()
            return await iterator.next() ?? -1
        }
        func stop() async {
            await group.triggerGracefulShutdown()
            do {
                _ = try await withTimeout(.seconds(15), "server shutdown") { await task.result }
            } catch {
                Issue.record(error)
                task.cancel()
            }
        }
        do {
            let result = try await body(TestServer(port: port))
            await stop()
            return result
        } catch {
            await stop()
            throw error
        }
    }
}
