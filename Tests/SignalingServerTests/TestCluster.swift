import Foundation
import RTCBase
import RTCTestSupport
import SignalingServer
import Testing

/// A private PostgreSQL (its own port and data directory, stopped by PID) and `count` signaling
/// servers in this process sharing rooms through it, for the length of a test.
struct TestCluster {
    let postgres: PostgresProcess
    let database: String
    var url: String { postgres.url(database: database) }

    /// Heartbeats fast and death noticed soon, so tests that kill an instance stay short.
    static let heartbeat: Duration = .milliseconds(250)
    /// Long enough that a heartbeat delayed by a busy two-core machine does not look like a death.
    static let deadAfter: Duration = .seconds(4)

    static func with<T: Sendable>(
        instances count: Int, _ configure: (inout SignalingServerConfiguration) -> Void = { _ in },
        cluster tune: (inout ClusterSettings) -> Void = { _ in },
        _ body: (TestCluster, [TestServer]) async throws -> T
    ) async throws -> T {
        let postgres = try await PostgresProcess.started()
        // Stopped on every path with `await` (a `defer` could only block a pool thread on it).
        do {
            let result = try await run(postgres, instances: count, configure, cluster: tune, body)
            await postgres.stop()
            return result
        } catch {
            await postgres.stop()
            throw error
        }
    }

    private static func run<T: Sendable>(
        _ postgres: PostgresProcess, instances count: Int, _ configure: (inout SignalingServerConfiguration) -> Void,
        cluster tune: (inout ClusterSettings) -> Void, _ body: (TestCluster, [TestServer]) async throws -> T
    ) async throws -> T {
        let cluster = TestCluster(postgres: postgres, database: "collab")
        try await postgres.createDatabase(cluster.database)
        var running: [TestServer.Running] = []
        do {
            for _ in 0..<count {
                var configuration = SignalingServerConfiguration()
                configuration.port = 0
                configure(&configuration)
                var settings = try cluster.settings()
                tune(&settings)
                configuration.cluster = settings
                running.append(try await TestServer.start(configuration))
            }
            let result = try await body(cluster, running.map { TestServer(port: $0.port) })
            for server in running { await server.stop() }
            return result
        } catch {
            for server in running { await server.stop() }
            throw error
        }
    }

    func settings() throws -> ClusterSettings {
        var settings = ClusterSettings(postgres: try PostgresURL(url))
        settings.heartbeatInterval = Self.heartbeat
        settings.deadAfter = Self.deadAfter
        return settings
    }

    /// Runs SQL and returns psql's unaligned output, trimmed.
    func sql(_ statement: String) async throws -> String {
        try await postgres.psql(database, statement).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the database (writes there follow room changes asynchronously) until `condition`
    /// holds for the output of `statement`: at most 200 times, 25 ms apart.
    func waitFor(_ statement: String, _ what: String, _ condition: (String) -> Bool) async throws {
        var last = ""
        for _ in 0..<200 {
            last = try await sql(statement)
            if condition(last) { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("database never showed \(what); last: \(last)")
        throw TimeoutError(what: what)
    }
}
