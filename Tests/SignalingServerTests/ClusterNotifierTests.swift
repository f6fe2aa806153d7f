import Foundation
import Logging
import PostgresNIO
import RTCTestSupport
import Synchronization
@testable import SignalingServer
import Testing

/// The NOTIFY sender's own connection against a private PostgreSQL: callers at once share one
/// connect; a statement past the deadline
/// is ended by the watchdog and the next connects afresh; a connection the server ends is
/// replaced; once the watchdog has stopped (shutdown), nothing connects again.
/// In the cluster suites' own process (scripts/test): a short deadline also ends ordinary
/// statements on a machine busy with the whole suite, and 1 s once ended the first connection
/// while the other cluster suites ran initdb beside it; 3 s still ends the 30 s sleep early.
@Suite(.enabled(if: PostgresProcess.clusterSuitesRun), .timeLimit(.minutes(1)))
struct ClusterNotifierTests {
    @Test func theConnectionIsReplacedAfterADeadlineOrALossAndNotAfterShutdown() async throws {
        let postgres = try await PostgresProcess.started()
        defer { postgres.stop() }
        let port = Int(postgres.port)
        // Without the cluster's statement_timeout: only the watchdog ends the sleep below early.
        let notifier = ClusterNotifier(deadline: .seconds(3), logger: Logger(label: "test")) {
            PostgresConnection.Configuration(
                host: "127.0.0.1", port: port, username: "collab", password: nil, database: "postgres", tls: .disable)
        }
        let watchdog = Task { await notifier.watch() }
        // Two callers at once share one connect (the link's tasks never overlap on one
        // connection now, but the notifier allows it): two connects once kept one connection
        // each, and the first was never closed.
        async let first = notifier.run("SELECT 1")
        async let second = notifier.run("SELECT 2")
        _ = try await (first, second)
        #expect(notifier.connectionsMade == 1)
        try await notifier.notify(channels: ["collab_test"], payloads: ["one"])
        await #expect(throws: (any Error).self) { try await notifier.run("SELECT pg_sleep(30)") }
        try await notifier.notify(channels: ["collab_test"], payloads: ["two"])
        #expect(notifier.connectionsMade == 2)

        // The server ends every client connection (as a restart does): the next statement fails
        // or finds the connection closed; a later one goes on a new connection.
        _ = try await postgres.psql(
            "postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")
        var sent = false
        for _ in 0..<5 where !sent {
            sent = (try? await notifier.notify(channels: ["collab_test"], payloads: ["three"])) != nil
        }
        #expect(sent)
        #expect(notifier.connectionsMade >= 3)
        let made = notifier.connectionsMade

        watchdog.cancel()
        await watchdog.value
        await #expect(throws: CancellationError.self) { try await notifier.notify(channels: ["collab_test"], payloads: ["four"]) }
        #expect(notifier.connectionsMade == made)
    }
    /// A connection that closes between being handed to a statement and the statement's write
    /// (a restart, or the watchdog): the statement goes on a fresh connection. postgres-nio drops
    /// a query written to a channel whose handlers are gone without failing it, so the statement
    /// once waited forever there.
    @Test func aConnectionClosedAsItIsHandedOutIsReplaced() async throws {
        let postgres = try await PostgresProcess.started()
        defer { postgres.stop() }
        let port = Int(postgres.port)
        let closeNext = Mutex(true)
        let notifier = ClusterNotifier(deadline: .seconds(3), logger: Logger(label: "test"), handedOut: { connection in
            guard closeNext.withLock({ state in defer { state = false }; return state }) else { return }
            try? await connection.close()
        }) {
            PostgresConnection.Configuration(
                host: "127.0.0.1", port: port, username: "collab", password: nil, database: "postgres", tls: .disable)
        }
        let watchdog = Task { await notifier.watch() }
        let rows = try await notifier.run("SELECT 1")
        #expect(rows.count == 1)
        #expect(notifier.connectionsMade == 2)
        try await notifier.notify(channels: ["collab_test"], payloads: ["after"])
        #expect(notifier.connectionsMade == 2)
        watchdog.cancel()
        await watchdog.value
    }
}
