import Logging
import PostgresNIO
import RTCBase
import Synchronization

/// The PostgreSQL connection pool, every statement bounded in time, replaced when it stops
/// answering.
///
/// After a database restart, postgres-nio's pool was seen to leave a statement waiting forever
/// (heartbeats stopped, the other instances declared this one dead 45 s later). A deadline per
/// statement turns that into an error the callers retry; two deadlines missed in a row mean the
/// pool is wedged, and a fresh pool takes over.
///
/// It carries client statements (creates, joins, room writes) only: the heartbeat has its own
/// connection (``ClusterStore/liveness``), so a burst of these never delays it. They are bounded
/// in number too: past `maxPending` running or waiting at once, a statement fails at once with
/// ``ClusterPoolBusy`` instead of joining postgres-nio's queue, which has no bound.
final class ClusterPool: Sendable {
    /// Missed deadlines in a row that make a new pool.
    static let wedgedAfter = 2

    private struct State {
        var client: PostgresClient
        var runner: Task<Void, Never>?
        var missed = 0
        /// When the last deadline was missed: only a statement started after it counts as the next
        /// miss, so several that one pause held up together count once.
        var lastMiss: ContinuousClock.Instant?
        var generation = 0
        var stopped = false
        /// Statements running or waiting for a connection.
        var pending = 0
    }

    /// How long one statement (or one transaction) may take.
    let statementDeadline: Duration
    /// Statements running or waiting for a connection at most; more fail with ``ClusterPoolBusy``.
    let maxPending: Int

    private let configuration: PostgresClient.Configuration
    private let logger: Logger
    private let state: Mutex<State>

    init(
        configuration: PostgresClient.Configuration, statementDeadline: Duration = .seconds(5), maxPending: Int = 1024,
        logger: Logger
    ) {
        self.configuration = configuration
        self.statementDeadline = statementDeadline
        self.maxPending = maxPending
        self.logger = logger
        state = Mutex(State(client: PostgresClient(configuration: configuration, backgroundLogger: logger)))
    }

    /// Starts running the pool's connections; ``stop()`` ends them.
    func start() {
        state.withLock { state in
            guard state.runner == nil, !state.stopped else { return }
            state.runner = Self.run(state.client)
        }
    }

    func stop() {
        let runner = state.withLock { state in
            state.stopped = true
            defer { state.runner = nil }
            return state.runner
        }
        runner?.cancel()
    }

    /// How many times a wedged pool was replaced.
    var replacements: Int { state.withLock { $0.generation } }

    /// Statements running or waiting for a connection now.
    var pending: Int { state.withLock { $0.pending } }

    /// Runs `body` with the current pool, failing with `TimeoutError` after `deadline`
    /// (``statementDeadline`` when nil; the wait for a connection counts), and the work is
    /// cancelled then; or at once with ``ClusterPoolBusy`` when `maxPending` are under way.
    func run<T: Sendable>(
        _ what: String, deadline: Duration? = nil, _ body: @escaping @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let maxPending = maxPending
        let admitted = state.withLock { state -> (PostgresClient, Int)? in
            guard state.pending < maxPending else { return nil }
            state.pending += 1
            return (state.client, state.generation)
        }
        guard let (client, generation) = admitted else { throw ClusterPoolBusy(pending: maxPending) }
        defer { state.withLock { $0.pending -= 1 } }
        let started = ContinuousClock.now
        do {
            let value = try await withTimeout(deadline ?? statementDeadline, what) { try await body(client) }
            state.withLock { if $0.generation == generation { $0.missed = 0 } }
            return value
        } catch let error as TimeoutError {
            missedDeadline(generation: generation, started: started)
            throw error
        }
    }

    private func missedDeadline(generation: Int, started: ContinuousClock.Instant) {
        let old: Task<Void, Never>? = state.withLock { state in
            guard state.generation == generation, !state.stopped else { return nil }
            if let last = state.lastMiss, started < last { return nil }
            state.lastMiss = .now
            state.missed += 1
            guard state.missed >= Self.wedgedAfter else { return nil }
            let old = state.runner
            state.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            state.generation += 1
            state.missed = 0
            state.lastMiss = nil
            state.runner = Self.run(state.client)
            return old
        }
        guard let old else { return }
        logger.warning("PostgreSQL pool stopped answering; replaced it with a new one")
        old.cancel()
    }

    /// Detached: PostgresClient.run() stops at the first sign of graceful shutdown, but the
    /// clients still here during the shutdown grace keep relaying to other instances.
    private static func run(_ client: PostgresClient) -> Task<Void, Never> {
        Task.detached { await client.run() }
    }
}
