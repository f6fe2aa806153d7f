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
/// It carries client statements (creates, joins, lookups) and the system's own (room writes,
/// the dead-instance check, adoption, sweeps); the heartbeat has its own connection
/// (``ClusterStore/liveness``) and task, so none of these ever delays it. Client statements are bounded in number: past `maxPending`
/// running or waiting at once, one fails at once with ``ClusterPoolBusy`` instead of joining
/// postgres-nio's queue, which has no bound. System statements are admitted past the bound (a
/// refused room write would leave the table disagreeing with memory); they are few (one writer,
/// one dead-instance check, one adoption per dead instance, one sweep) and count towards it.
///
/// Only a pool that makes no progress is wedged: a statement that ran past its deadline on a
/// connection is a miss, but one that waited its whole deadline for a connection is one only
/// when no statement got a connection meanwhile (a pool busy with a burst hands them out all the
/// time, and replacing it would only add connects to the burst).
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
        /// When a statement last got a connection: progress, so a wait in the queue is no miss.
        var lastLease: ContinuousClock.Instant?
    }

    /// Whether one statement got a connection, shared with the work that may get it.
    private final class Lease: Sendable {
        let taken = Atomic<Bool>(false)
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

    /// Runs `body` on one of the pool's connections, failing with `TimeoutError` after `deadline`
    /// (``statementDeadline`` when nil; the wait for a connection counts), and the work is
    /// cancelled then (its connection closed: postgres-nio's queries ignore cancellation, and an
    /// abandoned transaction must roll back, not commit after its caller gave up). A client
    /// statement fails at once with ``ClusterPoolBusy`` when `maxPending` are under way; a
    /// `system` one (room writes, adoption, sweeps) never does.
    func run<T: Sendable>(
        _ what: String, deadline: Duration? = nil, system: Bool = false,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let maxPending = maxPending
        let admitted = state.withLock { state -> (PostgresClient, Int)? in
            guard system || state.pending < maxPending else { return nil }
            state.pending += 1
            return (state.client, state.generation)
        }
        guard let (client, generation) = admitted else { throw ClusterPoolBusy(pending: maxPending) }
        defer { state.withLock { $0.pending -= 1 } }
        let started = ContinuousClock.now
        let lease = Lease()
        do {
            let value = try await withTimeout(deadline ?? statementDeadline, what) {
                try await client.withConnection { connection in
                    lease.taken.store(true, ordering: .relaxed)
                    self.state.withLock { $0.lastLease = .now }
                    return try await withTaskCancellationHandler {
                        try await body(connection)
                    } onCancel: {
                        connection.close().whenComplete { _ in }
                    }
                }
            }
            state.withLock { if $0.generation == generation { $0.missed = 0 } }
            return value
        } catch let error as TimeoutError {
            missedDeadline(generation: generation, started: started, leased: lease.taken.load(ordering: .relaxed))
            throw error
        }
    }

    private func missedDeadline(generation: Int, started: ContinuousClock.Instant, leased: Bool) {
        let old: Task<Void, Never>? = state.withLock { state in
            guard state.generation == generation, !state.stopped else { return nil }
            // Waited in the queue while others got connections: busy, not wedged.
            if !leased, let lease = state.lastLease, lease >= started { return nil }
            if let last = state.lastMiss, started < last { return nil }
            state.lastMiss = .now
            state.missed += 1
            guard state.missed >= Self.wedgedAfter else { return nil }
            let old = state.runner
            state.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            state.generation += 1
            state.missed = 0
            state.lastMiss = nil
            state.lastLease = nil
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
