import Foundation
import Logging
import NIOCore
import PostgresNIO
import RTCDriver
import Synchronization

/// A PostgreSQL connection of one task's own, outside the pool: the NOTIFY sender's (its
/// statements and the large envelopes' rows), and the heartbeat's (which must not wait behind
/// anything but its own statements: a heartbeat late by `deadAfter` has the other instances
/// declare this one dead and drop its clients). The heartbeat's serves the heartbeat task alone
/// (registration, heartbeats, registering again after being fenced) and, at shutdown, the
/// retire once that task has ended; the dead-instance check goes through the pool with the
/// adoption it leads to.
///
/// Through the pool, each batch leased a connection and ran two tasks (the statement and its
/// deadline's timer): a thread hop and a timer per batch. Here statements run on one connection
/// on a fixed event loop (every statement runs there, and the sender task prefers it, so a
/// statement's completion resumes the sender on the thread that read the answer). The connect
/// has the deadline too, and fails past it with ``ClusterConnectionError``. ``watch()``, one task
/// that looks once a second, keeps the deadline of each statement, timed from just before it is
/// written: one past it has its own connection closed (not whichever is current by then, which
/// a later statement may use), so it fails; the sender retries it (with the same sequence
/// numbers) and the next statement connects afresh. A statement still waiting a deadline after
/// its connection was closed is logged once, and never closes another connection. A connection
/// found closed as it is handed out is replaced once; when the new one is closed too, the
/// statement fails with ``ClusterConnectionError``.
///
/// Callers may come at once (the two tasks above never do): their statements queue on the one
/// connection, each timed on its own as above, and one connect serves every caller that finds
/// no open connection. Once ``watch()`` ends (shutdown), every statement fails with
/// `CancellationError` and no connection is made again.
final class ClusterNotifier: Sendable {
    private struct Statement {
        let since: ContinuousClock.Instant
        let connection: PostgresConnection
        var closedFor = false
        var reported = false
    }

    private struct State {
        var connection: PostgresConnection?
        /// The connect under way, which callers that find no connection wait for.
        var connecting: Task<PostgresConnection, any Error>?
        /// Each statement under way, by a number of its own: when it was written and on which
        /// connection, and whether the watchdog has closed that connection for it already.
        var busy: [Int: Statement] = [:]
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

    /// Tests only: runs after a connection is handed to a statement, before the statement looks
    /// at it, so a test can close it in that gap.
    private let handedOut: (@Sendable (PostgresConnection) async -> Void)?

    init(
        purpose: String = "NOTIFY", deadline: Duration, logger: Logger,
        handedOut: (@Sendable (PostgresConnection) async -> Void)? = nil,
        configuration: @escaping @Sendable () throws -> PostgresConnection.Configuration
    ) {
        self.purpose = purpose
        self.handedOut = handedOut
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
    ///
    /// It runs on the connection's event loop and writes the statement with no suspension after
    /// the last look at `isClosed`: postgres-nio writes a query without a promise, so one written
    /// after NIO removed a closed channel's handlers is dropped without an error, and its caller
    /// would wait forever (a connection closed by a restart, or by the watchdog, in that gap once
    /// held the NOTIFY sender for good).
    private func withConnection<T>(_ body: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(executor) {
            var connection = try await connected()
            if let handedOut { await handedOut(connection) }
            if connection.isClosed {
                // Closed since it was handed out: one fresh connect, then the statement or its error.
                discard(connection)
                connection = try await connected()
                guard !connection.isClosed else {
                    discard(connection)
                    throw ClusterConnectionError("the \(purpose) connection closed as it was made")
                }
            }
            let statement = state.withLock { state in
                state.nextStatement += 1
                state.busy[state.nextStatement] = Statement(since: .now, connection: connection)
                return state.nextStatement
            }
            defer { state.withLock { _ = $0.busy.removeValue(forKey: statement) } }
            do {
                return try await body(connection, logger)
            } catch {
                discard(connection)
                throw error
            }
        }
    }

    /// The open connection, or the one being made (one connect at a time: two callers that
    /// connected each kept one, and the first was never closed).
    private func connected() async throws -> PostgresConnection {
        let open = try state.withLock { state throws -> PostgresConnection? in
            // Closed (shutdown): no connection is made.
            if state.closed { throw CancellationError() }
            if let connection = state.connection, !connection.isClosed { return connection }
            return nil
        }
        // The open connection at once: a suspension here is a gap in which it may close.
        if let open { return open }
        let connecting = state.withLock { state -> Task<PostgresConnection, any Error> in
            if let connecting = state.connecting { return connecting }
            state.connections += 1
            let number = state.connections
            let connecting = Task { try await self.connect(number: number) }
            state.connecting = connecting
            return connecting
        }
        // Bounded: the connect gives up at the deadline (`within`).
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
            let (stuck, stillWaiting) = state.withLock { state -> ([PostgresConnection], Int) in
                let now = ContinuousClock.now
                var stuck: [PostgresConnection] = []
                var stillWaiting = 0
                for (number, statement) in state.busy where now - statement.since > deadline {
                    if statement.closedFor {
                        // Its connection was closed for it a deadline ago and it has not ended:
                        // said once, never a reason to close the next connection.
                        if now - statement.since > deadline * 2, !statement.reported {
                            state.busy[number]?.reported = true
                            stillWaiting += 1
                        }
                        continue
                    }
                    state.busy[number]?.closedFor = true
                    // Its own connection, not whichever is current: the next one is not closed for it.
                    if !stuck.contains(where: { $0 === statement.connection }) { stuck.append(statement.connection) }
                }
                return (stuck, stillWaiting)
            }
            if stillWaiting > 0 {
                logger.error("\(purpose) statements still waiting after their connection was closed", metadata: ["count": "\(stillWaiting)"])
            }
            for connection in stuck {
                logger.warning("\(purpose) statement past its deadline: closing its connection")
                discard(connection)
            }
        }
        let last = state.withLock { state in
            state.closed = true
            return state.connection
        }
        if let last { discard(last) }
    }
}
