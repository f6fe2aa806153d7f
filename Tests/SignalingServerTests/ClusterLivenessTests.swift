import Foundation
import Logging
import PostgresNIO
import RTCBase
import RTCTestSupport
import Synchronization
@testable import SignalingServer
import Testing

/// The link's heartbeat against a private PostgreSQL while client statements hold every
/// connection of the pool and the dead-instance check waits behind them: the heartbeat has a task
/// and a connection of its own, which nothing else uses, so it keeps marking this instance alive;
/// client statements past the bound fail at once with a typed error, while the check and the
/// adoption it leads to (system statements) are admitted past it and complete once the pool is
/// free. The pool is held by an advisory lock the test's own session holds, so nothing ends
/// before the test lets it (within the check's 5 s deadline: past it, two checks in a row that
/// saw no connection handed out would replace the pool as wedged).
// Two minutes, as the other cluster suites: beside them on two cores, this one took up to 49 s.
@Suite(.enabled(if: PostgresProcess.clusterSuitesRun), .timeLimit(.minutes(2)))
struct ClusterLivenessTests {
    static let lock = 7_201_017

    @Test func theHeartbeatLoopGoesOnWhileThePoolIsHeldAndTheDeadInstanceCheckWaits() async throws {
        let postgres = try await PostgresProcess.started()
        defer { postgres.stop() }
        try await postgres.createDatabase("collab")
        let logger = Logger(label: "test")
        var settings = ClusterSettings(postgres: try PostgresURL(postgres.url(database: "collab")))
        settings.heartbeatInterval = .milliseconds(250)
        settings.deadAfter = .seconds(2)
        settings.maxPendingStatements = 12
        let metrics = SignalingMetrics()
        let link = ClusterLink(settings: settings, metrics: ClusterMetrics(registry: metrics.registry), logger: logger)
        let hub = SignalingHub(configuration: SignalingServerConfiguration(), metrics: metrics, logger: logger)
        await hub.attachCluster(link)
        let (ready, signal) = AsyncStream.makeStream(of: Void.self)
        let running = Task {
            // A start that fails ends the wait below (and the test, with its error).
            defer { signal.finish() }
            try await link.run(hub: hub) { signal.yield(()) }
        }
        // Whatever ends the test early, the link's tasks end with it.
        defer {
            link.finish()
            running.cancel()
        }
        var started = false
        for await _ in ready {
            started = true
            break
        }
        if !started { try await running.value }
        let store = link.store
        func sql(_ statement: String) async throws -> String {
            try await postgres.psql("collab", statement).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        // The test's own session holds the lock every client statement below waits for.
        let session = try await PostgresConnection.connect(
            configuration: .init(host: "127.0.0.1", port: Int(postgres.port), username: "collab", password: nil, database: "collab", tls: .disable),
            id: 1, logger: logger)
        // Closed on every path: one let go while open fails an assertion (the whole process).
        defer { Task { try? await session.close() } }
        try await session.query("SELECT pg_advisory_lock(\(Self.lock))", logger: logger)
        // While the pool is held, the test's SQL goes on this session: a psql process per look
        // took seconds on a loaded machine, past the checks' deadlines (see above).
        func held(_ statement: String) async throws -> String {
            try await session.query(PostgresQuery(unsafeSQL: statement), logger: logger).collect().first?.decode(String.self) ?? ""
        }

        // 12 client statements: 8 hold the pool's connections, 4 wait for one. None can succeed
        // before the lock is let go; their deadline is far away.
        let finished = FinishedCount()
        let holders = (0..<12).map { _ in
            Task {
                let done = try? await store.pool.run("a client statement", deadline: .seconds(50)) { connection in
                    // The session's own bounds would end the wait first.
                    try await connection.query(
                        "SELECT set_config('statement_timeout', '0', false), set_config('lock_timeout', '0', false)", logger: logger)
                    try await connection.query(
                        "SELECT pg_advisory_lock_shared(\(Self.lock)), pg_advisory_unlock_shared(\(Self.lock))", logger: logger)
                    return true
                }
                if done == true { finished.value.add(1, ordering: .relaxed) }
            }
        }
        var waiting = ""
        for _ in 0..<200 {
            waiting = try await held(
                "SELECT count(*)::text FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_lock_shared%'")
            // 12, and the periodic dead-instance check once it comes to wait for a connection too.
            if waiting == "8", store.pool.pending >= 12 { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        try #require(waiting == "8" && store.pool.pending >= 12, "the pool never filled: \(waiting) waiting")

        // The 13th client statement is refused at once, typed.
        await #expect(throws: ClusterPoolBusy.self) {
            try await store.pool.run("one too many") { connection in
                try await connection.query("SELECT 1", logger: logger).collect().count
            }
        }

        // A dead instance: the check that finds it is admitted past the client bound and waits for
        // a connection of the held pool (on the heartbeat's connection, a heartbeat queued behind
        // it, and it found the dead instance and started the adoption while the pool was held).
        let dead = UUID()
        _ = try await held("INSERT INTO collab_instances (id, channel, last_seen) VALUES ('\(dead)', 'collab_dead', now() - interval '1 hour')")
        for _ in 0..<400 where store.pool.pending < 13 { try await Task.sleep(for: .milliseconds(25)) }
        try #require(store.pool.pending == 13, "no dead-instance check waiting")
        #expect(await hub.adoptionStarted(of: dead) == false, "the dead instance was found while the pool was held")

        // Meanwhile the loop's heartbeats go on: last_seen moves twice, with the adoption still waiting.
        let lastSeen = "SELECT last_seen::text FROM collab_instances WHERE id = '\(link.instanceID)'"
        var seen = [try await held(lastSeen)]
        for _ in 0..<200 where seen.count < 3 {
            let now = try await held(lastSeen)
            if now != seen.last { seen.append(now) } else { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(seen.count == 3, "the heartbeat stopped while the pool was held")
        // Not `pending == 13` again: on a loaded machine the check may reach its 5 s deadline
        // here, and the next one starts a heartbeat interval later.
        #expect(await hub.adoptionStarted(of: dead) == false)
        #expect(finished.value.load(ordering: .relaxed) == 0)

        // Let go: every held statement ends, and the adoption goes through.
        try await session.query("SELECT pg_advisory_unlock(\(Self.lock))", logger: logger)
        for holder in holders { await holder.value }
        #expect(finished.value.load(ordering: .relaxed) == 12)
        var remaining = ""
        for _ in 0..<200 {
            remaining = try await sql("SELECT count(*) FROM collab_instances WHERE id = '\(dead)'")
            if remaining == "0" { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        #expect(remaining == "0", "the dead instance was never adopted")

        // Shutdown: the heartbeat ends before the retire, so nothing marks this instance alive after it.
        await link.retire()
        #expect(try await sql("SELECT last_seen = 'epoch' FROM collab_instances WHERE id = '\(link.instanceID)'") == "t")
        try await session.close()
        // Every task of the link (the heartbeat connection's watchdog too) ends before PostgreSQL stops.
        link.finish()
        running.cancel()
        _ = try? await withTimeout(.seconds(10), "the link to stop") { _ = try? await running.value }
        #expect(store.pool.pending == 0)
    }
}

extension SignalingHub {
    /// Whether this hub has started adopting the rooms of instance `dead`.
    func adoptionStarted(of dead: UUID) -> Bool {
        cluster?.adoptions[dead] != nil
    }
}

/// How many of the client statements have ended, shared with their tasks.
private final class FinishedCount: Sendable {
    let value = Atomic<Int>(0)
}
