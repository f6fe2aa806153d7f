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
final class ClusterNotifier: Sendable {
    private struct State {
        var connection: PostgresConnection?
        /// When the statement (or connect) under way started; nil between statements.
        var busySince: ContinuousClock.Instant?
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
        state.withLock { $0.busySince = .now }
        defer { state.withLock { $0.busySince = nil } }
        let connection = try await connected()
        do {
            return try await body(connection, logger)
        } catch {
            discard(connection)
            throw error
        }
    }

    private func connected() async throws -> PostgresConnection {
        // The open connection, or the number of the one to make; nil once closed (shutdown).
        let next = state.withLock { state -> (open: PostgresConnection?, number: Int)? in
            if state.closed { return nil }
            if let connection = state.connection, !connection.isClosed { return (connection, 0) }
            state.connections += 1
            return (nil, state.connections)
        }
        guard let (open, number) = next else { throw CancellationError() }
        if let open { return open }
        let (loop, configuration, logger) = (self.loop, try self.configuration(), self.logger)
        let connection = try await ClusterLink.within(deadline, "connecting for \(purpose)") {
            let connection = try await PostgresConnection.connect(on: loop, configuration: configuration, id: number, logger: logger)
            // Past the deadline nobody takes it: closed here rather than left open.
            if Task.isCancelled {
                try? await connection.close()
                throw CancellationError()
            }
            return connection
        }
        let kept = state.withLock { state in
            if !state.closed { state.connection = connection }
            return !state.closed
        }
        guard kept else {
            // Closed meanwhile (shutdown): nobody would close it later.
            discard(connection)
            throw CancellationError()
        }
        return connection
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
                guard let since = state.busySince, ContinuousClock.now - since > deadline else { return nil }
                return state.connection
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
