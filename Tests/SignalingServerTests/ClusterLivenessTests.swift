import Foundation
import Logging
import PostgresNIO
import RTCTestSupport
import Synchronization
@testable import SignalingServer
import Testing

/// The heartbeat against a private PostgreSQL while client statements hold every connection of
/// the pool: it has a connection of its own, so it marks this instance alive (and looks for dead
/// ones) at once instead of after them, and client statements past the bound fail at once with a
/// typed error rather than queue without end.
@Suite(.enabled(if: PostgresProcess.clusterSuitesRun), .timeLimit(.minutes(1)))
struct ClusterLivenessTests {
    @Test func theHeartbeatAdvancesWhileClientStatementsHoldThePool() async throws {
        let postgres = try PostgresProcess()
        defer { postgres.stop() }
        try postgres.createDatabase("collab")
        let logger = Logger(label: "test")
        let store = ClusterStore(
            url: try PostgresURL(postgres.url(database: "collab")), instanceID: UUID(), maxPendingStatements: 12, logger: logger)
        store.pool.start()
        defer { store.pool.stop() }
        let watchdog = Task { await store.liveness.watch() }
        defer { watchdog.cancel() }
        try await store.migrate()
        try await store.register()
        func lastSeen() throws -> String {
            try postgres.psql("collab", "SELECT last_seen FROM collab_instances WHERE id = '\(store.instanceID)'")
        }
        let before = try lastSeen()

        // 12 client statements: 8 hold the pool's connections for 3 s, 4 wait for one.
        let finished = FinishedCount()
        let sleepers = (0..<12).map { _ in
            Task {
                _ = try? await store.pool.run("a client statement") { client in
                    try await client.query("SELECT pg_sleep(3)", logger: logger).collect().count
                }
                finished.value.add(1, ordering: .relaxed)
            }
        }
        var sleeping = ""
        for _ in 0..<200 {
            sleeping = try postgres.psql(
                "collab", "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep%'"
            ).trimmingCharacters(in: .whitespacesAndNewlines)
            if sleeping == "8", store.pool.pending == 12 { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        try #require(sleeping == "8" && store.pool.pending == 12, "the pool never filled: \(sleeping) sleeping")

        // The 13th is refused at once, typed.
        await #expect(throws: ClusterPoolBusy.self) {
            try await store.pool.run("one too many") { client in
                try await client.query("SELECT 1", logger: logger).collect().count
            }
        }
        // The heartbeat and the dead-instance check go through before any client statement ends.
        #expect(try await store.heartbeat())
        #expect(try await store.deadInstances(deadAfter: .seconds(5)).isEmpty)
        #expect(finished.value.load(ordering: .relaxed) == 0)
        #expect(try lastSeen() != before)

        for sleeper in sleepers { await sleeper.value }
        #expect(store.pool.pending == 0)
    }
}

/// How many of the client statements have ended, shared with their tasks.
private final class FinishedCount: Sendable {
    let value = Atomic<Int>(0)
}
