public import Foundation

/// Debian's PostgreSQL, started by a test on a private loopback port and a fresh data directory,
/// as an unprivileged user (`nobody` through `setpriv` when the test runs as root: PostgreSQL
/// refuses root), stopped by its PID. `env` and `setpriv` exec, so the PID the test holds is the
/// postmaster's own. Every wait is bounded (``ChildProcess``).
public final class PostgresProcess: @unchecked Sendable {
    /// The newest `/usr/lib/postgresql/N/bin` with `initdb` and `postgres`, if any.
    public static var binDirectory: URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { root.appendingPathComponent("\($0)/bin") }.first {
            FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path)
                && FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("postgres").path)
        }
    }

    /// Whether tests that need PostgreSQL run: when it is installed, or when `COLLAB_REQUIRE_POSTGRES=1`
    /// (scripts/test sets it, so a missing server fails there instead of skipping).
    public static var testsRun: Bool {
        binDirectory != nil || ProcessInfo.processInfo.environment["COLLAB_REQUIRE_POSTGRES"] == "1"
    }

    /// Whether the suites that run several instances run in this process: scripts/test gives them
    /// a process of their own (COLLAB_CLUSTER_TESTS=1), because inside the whole parallel suite they
    /// hung past their time limit (an instance's shutdown waited on PostgreSQL work that
    /// cancellation did not end), while alone they pass in seconds.
    public static var clusterSuitesRun: Bool {
        testsRun && ProcessInfo.processInfo.environment["COLLAB_CLUSTER_TESTS"] == "1"
    }

    /// Chosen free at start; kept across ``stopServer()`` and ``start()``.
    public private(set) var port: UInt16 = 0
    /// Holds the data directory and the Unix socket.
    public let directory: URL
    private let bin: URL
    private let lock = NSLock()
    private var server: ChildProcess?

    /// Creates the cluster (initdb) and starts the server; returns once it accepts connections.
    public init() throws {
        guard let bin = Self.binDirectory else { throw PostgresError.notInstalled }
        self.bin = bin
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("collab-pg-" + UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            // nobody must own the directory it writes into.
            _ = chown(directory.path, 65534, 65534)
        }
        let output = try run(
            "initdb", ["-D", dataPath, "-U", "collab", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"])
        guard FileManager.default.fileExists(atPath: dataPath + "/PG_VERSION") else { throw PostgresError.initdbFailed(output) }
        // A port found free can be taken by a parallel test before PostgreSQL binds it: try another.
        for attempt in 1...3 {
            port = try CoturnProcess.freeTCPPort()
            do {
                try start()
                return
            } catch PostgresError.notReady(let log) where attempt < 3 && log.contains("Address already in use") {
                continue
            }
        }
    }

    private var dataPath: String { directory.appendingPathComponent("data").path }
    private var logPath: String { directory.appendingPathComponent("server.log").path }

    /// `postgres://collab@127.0.0.1:PORT/DATABASE?sslmode=disable`
    public func url(database: String) -> String {
        "postgres://collab@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Creates a database of its own for one test.
    public func createDatabase(_ name: String) throws {
        let output = try run("psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "collab", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                                      "-c", "CREATE DATABASE \(name)"])
        guard output.contains("CREATE DATABASE") else { throw PostgresError.psqlFailed(output) }
    }

    /// Runs SQL through psql and returns its unaligned output.
    public func psql(_ database: String, _ sql: String) throws -> String {
        try run("psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "collab", "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    /// Starts the server on the same port and data (after ``stopServer()``).
    public func start() throws {
        let arguments = [
            bin.appendingPathComponent("postgres").path, "-D", dataPath, "-p", "\(port)", "-k", directory.path,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200",
        ]
        // What this start writes is judged alone: an earlier start's lines stay in the same file.
        let logStart = serverLog.utf8.count
        let server = try ChildProcess(privileged(arguments), directory: directory.path, output: .file(logPath))
        lock.withLock { self.server = server }
        try waitUntilReady(logFrom: logStart)
    }

    /// Waits until pg_isready says yes, at most every 50 ms, for at most 30 s.
    private func waitUntilReady(logFrom start: Int) throws {
        let deadline = Date().addingTimeInterval(30)
        for _ in 0..<600 {
            let output = (try? run("pg_isready", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "collab"])) ?? ""
            if output.contains("accepting connections") { return }
            guard lock.withLock({ server?.isRunning ?? false }), Date() < deadline else { break }
            usleep(50_000)
        }
        throw PostgresError.notReady(log: String(decoding: serverLog.utf8.dropFirst(start), as: UTF8.self))
    }

    /// The server's log so far, for failure messages.
    public var serverLog: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// Stops the server by its PID (SIGINT: fast shutdown; SIGKILL if it lingers), keeping the data.
    public func stopServer() {
        lock.withLock { server }?.stop(SIGINT, grace: 10)
    }

    /// Stops the server and removes its files.
    public func stop() {
        stopServer()
        try? FileManager.default.removeItem(at: directory)
    }

    /// ``init()`` on a thread of its own: initdb and the start take seconds, and a blocked thread
    /// of the cooperative pool would hold up every other test's tasks (see ``onOwnThread(_:)``).
    public static func started() async throws -> PostgresProcess {
        try await onOwnThread { try PostgresProcess() }
    }

    /// ``createDatabase(_:)`` on a thread of its own.
    public func createDatabase(_ name: String) async throws {
        try await onOwnThread { try self.createDatabase(name) }
    }

    /// ``psql(_:_:)`` on a thread of its own.
    public func psql(_ database: String, _ sql: String) async throws -> String {
        try await onOwnThread { try self.psql(database, sql) }
    }

    /// ``start()`` on a thread of its own.
    public func start() async throws {
        try await onOwnThread { try self.start() }
    }

    /// ``stopServer()`` on a thread of its own.
    public func stopServer() async {
        await onOwnThread { self.stopServer() }
    }

    /// ``stop()`` on a thread of its own.
    public func stop() async {
        await onOwnThread { self.stop() }
    }

    /// The command as `nobody` when the test runs as root.
    private func privileged(_ arguments: [String]) -> [String] {
        guard getuid() == 0 else { return arguments }
        return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + arguments
    }

    /// Runs one of the bin directory's tools to completion (at most 60 s) and returns what it printed.
    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        try ChildProcess.run(privileged([bin.appendingPathComponent(tool).path] + arguments), directory: directory.path).output
    }
}

/// PostgreSQL did not come up for a test.
public enum PostgresError: Error, CustomStringConvertible {
    case notInstalled
    case initdbFailed(String)
    case psqlFailed(String)
    case notReady(log: String)

    public var description: String {
        switch self {
        case .notInstalled: "PostgreSQL server binaries not found under /usr/lib/postgresql (scripts/setup installs postgresql)"
        case .initdbFailed(let output): "initdb failed:\n\(output)"
        case .psqlFailed(let output): "psql failed:\n\(output)"
        case .notReady(let log): "PostgreSQL did not accept connections; its log:\n\(log)"
        }
    }
}
