import Foundation
import Logging
import NIOCore
import PostgresNIO
import RTCDriver
import Synchronization

/// A PostgreSQL connection of one task's own, outside the pool: the NOTIFY sender's (its
/// statements and the large envelopes' rows), and the heartbeat's (which must not wait behind
/// client statements: a heartbeat late by `deadAfter` has the other instances declare this one
/// dead and drop its clients).
///
/// Through the pool, each batch leased a connection and ran two tasks (the statement and its
/// deadline's timer): a thread hop and a timer per batch. Here the one sender task runs its
/// statements on one connection on a fixed event loop (the sender prefers that loop, so a
/// statement's completion resumes it on the thread that read the answer), and ``watch()``, one
/// task that looks once a second, keeps the deadline: it closes the connection when a statement
/// has run past it, the statement fails, the sender retries it (with the same sequence numbers),
/// and the next statement connects afresh.
///
/// Two tasks may use one at once (the heartbeat's serves the heartbeat, the dead-instance check
/// and, at shutdown, the retire): their statements queue on the one connection, the watchdog
/// times the oldest, and one connect serves every caller that finds no connection.
final class ClusterNotifier: Sendable {
    private struct State {
        var connection: PostgresConnection?
        /// The connect under way, which callers that find no connection wait for.
        var connecting: Task<PostgresConnection, any Error>?
        /// When each statement (or connect) under way started, by a number of its own.
        var busy: [Int: ContinuousClock.Instant] = [:]
        var nextStatement = 0
        var connections = 0
        /// Set when ``watch()`` ends (shutdown): no connection is made or kept after it.
        var closed = false
    }

    /// The loop the connection lives on, and the executor the sender runs on.
    let loop: any EventLoop
    let executor: EventLoopTaskExecutor
    private let state = Mutex(State())
    /// Made at each connect (a TLS context may fail to build: the connect fails then).
    private let configuration: @Sendable () throws -> PostgresConnection.Configuration
    private let deadline: Duration
    private let logger: Logger
    /// What the connection is for, in its log lines and errors ("NOTIFY", "heartbeat").
    private let purpose: String

    init(
        purpose: String = "NOTIFY", deadline: Duration, logger: Logger,
        configuration: @escaping @Sendable () throws -> PostgresConnection.Configuration
    ) {
        self.purpose = purpose
        self.configuration = configuration
        self.deadline = deadline
        self.logger = logger
        loop = PostgresConnection.defaultEventLoopGroup.next()
        executor = EventLoopTaskExecutor(loop)
    }

    /// Connections made so far (the first, and one after each loss).
    var connectionsMade: Int {
        state.withLock { $0.connections }
    }

    /// Sends one batch of notifications in one statement (so one commit), in order.
    func notify(channels: [String], payloads: [String]) async throws {
        let statement = NotifyStatement(channels: channels, payloads: payloads)
        try await withConnection { connection, logger in
            for try await _ in try await connection.execute(statement, logger: logger) {}
        }
    }

    /// Runs one statement on the connection (made first when there is none), under the
    /// deadline, and returns its rows (every statement here returns a few).
    @discardableResult
    func run(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await withConnection { connection, logger in
            try await connection.query(query, logger: logger).collect()
        }
    }

    /// Runs `body` on the connection (made first when there is none), under the deadline; a
    /// connection whose statement failed is closed.
    private func withConnection<T>(_ body: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        let statement = state.withLock { state in
            state.nextStatement += 1
            state.busy[state.nextStatement] = .now
            return state.nextStatement
        }
        defer { state.withLock { _ = $0.busy.removeValue(forKey: statement) } }
        let connection = try await connected()
        do {
            return try await body(connection, logger)
        } catch {
            discard(connection)
            throw error
        }
    }

    /// The open connection, or the one being made (one connect at a time: two callers that
    /// connected each kept one, and the first was never closed).
    private func connected() async throws -> PostgresConnection {
        let connecting = try state.withLock { state throws -> Task<PostgresConnection, any Error> in
            // Closed (shutdown): no connection is made.
            if state.closed { throw CancellationError() }
            if let connection = state.connection, !connection.isClosed { return Task { connection } }
            if let connecting = state.connecting { return connecting }
            state.connections += 1
            let number = state.connections
            let connecting = Task { try await self.connect(number: number) }
            state.connecting = connecting
            return connecting
        }
        return try await connecting.value
    }

    /// Makes connection `number` and keeps it, unless the notifier closed meanwhile.
    private func connect(number: Int) async throws -> PostgresConnection {
        let made: PostgresConnection
        do {
            let (loop, configuration, logger) = (self.loop, try self.configuration(), self.logger)
            made = try await ClusterLink.within(deadline, "connecting for \(purpose)") {
                let connection = try await PostgresConnection.connect(on: loop, configuration: configuration, id: number, logger: logger)
                // Past the deadline nobody takes it: closed here rather than left open.
                if Task.isCancelled {
                    try? await connection.close()
                    throw CancellationError()
                }
                return connection
            }
        } catch {
            state.withLock { $0.connecting = nil }
            throw error
        }
        let kept = state.withLock { state in
            state.connecting = nil
            if !state.closed { state.connection = made }
            return !state.closed
        }
        guard kept else {
            // Closed meanwhile (shutdown): nobody would close it later.
            discard(made)
            throw CancellationError()
        }
        return made
    }

    private func discard(_ connection: PostgresConnection) {
        state.withLock { if $0.connection === connection { $0.connection = nil } }
        // Held until closed: a connection let go while open is a leak (and fails an assertion).
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Until cancelled, once a second: closes the connection when its statement has run past the
    /// deadline (postgres-nio's queries ignore cancellation; a closed connection fails them).
    /// Then closes the notifier for good: its connection, and any a statement would make later.
    func watch() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: .seconds(1)) } catch { break }
            let stuck = state.withLock { state -> PostgresConnection? in
                let now = ContinuousClock.now
                let late = state.busy.filter { now - $0.value > deadline }.keys
                guard !late.isEmpty, let connection = state.connection else { return nil }
                // They end with this connection, whenever its close completes (the server may
                // finish the statement first): never counted again, so the watchdog does not
                // close the next connection for them.
                for statement in late { state.busy[statement] = nil }
                return connection
            }
            guard let stuck else { continue }
            logger.warning("\(purpose) statement past its deadline: closing its connection")
            discard(stuck)
        }
        let last = state.withLock { state in
            state.closed = true
            return state.connection
        }
        if let last { discard(last) }
    }
}
