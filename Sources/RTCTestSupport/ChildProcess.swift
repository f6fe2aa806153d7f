public import Foundation

/// A program a test starts, spawned with `posix_spawn` and reaped with `waitpid` on its own PID,
/// every wait bounded in time.
///
/// Not Foundation's `Process`: its `waitUntilExit()` waits on a run loop for a termination notice
/// that, called from many threads at once (parallel tests each running psql and pg_isready), can
/// be missed, and then never returns; a test blocked there cannot be stopped by its time limit.
public final class ChildProcess: @unchecked Sendable {
    /// Where the child's standard output and error go.
    public enum Output: Sendable {
        case discard
        /// Appended to this file.
        case file(String)
        /// A pipe the test reads with ``readLine(within:)`` or ``readAll(within:)``.
        case pipe
        /// Standard output to such a pipe, standard error to the test's own (logs stay visible
        /// and cannot fill a pipe nobody reads).
        case pipeStandardOutput
    }

    public let pid: pid_t
    private static let spawning = NSLock()
    private let lock = NSLock()
    private var status: Int32?
    private var readEnd: Int32 = -1
    private var pending = Data()

    /// Starts `arguments[0]` (a path) with the rest as its arguments, in `directory` when given.
    public init(_ arguments: [String], directory: String? = nil, output: Output = .discard) throws {
        precondition(!arguments.isEmpty, "a command")
        // `env -C` changes directory before the exec: glibc's addchdir is not visible from Swift.
        let command = directory.map { ["/usr/bin/env", "-C", $0] + arguments } ?? arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var pipeEnds: [Int32] = [-1, -1]
        Self.spawning.lock()
        switch output {
        case .discard:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        case .file(let path):
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        case .pipe, .pipeStandardOutput:
            // pipe2 is not visible from Swift: close-on-exec is set just after, and `spawning` keeps
            // another ChildProcess from starting in between and inheriting the ends (a long-lived
            // child holding a write end would keep a reader from ever seeing end of file).
            guard pipe(&pipeEnds) == 0 else {
                Self.spawning.unlock()
                throw ChildProcessError.spawn(command[0], errno)
            }
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            if case .pipe = output { posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2) }
        }
        // The child inherits only its standard streams: SwiftNIO opens sockets without the
        // close-on-exec flag, and a child holding a copy of another test's connection keeps it open
        // after that test closed it (its peer never sees the end). After the dup2s, which need them.
        if let closeFrom = Self.addCloseFrom {
            _ = closeFrom(&actions, 3)
        } else {
            Self.markCloseOnExec()
        }
        var cArguments = command.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, command[0], &actions, nil, &cArguments, environ)
        if pipeEnds[1] >= 0 { close(pipeEnds[1]) }
        Self.spawning.unlock()
        guard result == 0 else {
            if pipeEnds[0] >= 0 { close(pipeEnds[0]) }
            throw ChildProcessError.spawn(command[0], result)
        }
        pid = child
        readEnd = pipeEnds[0]
    }

    deinit {
        if readEnd >= 0 { close(readEnd) }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time:
    /// it is declared only under `_GNU_SOURCE`, which Swift's Glibc module does not define.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// The fallback without `addclosefrom`: marks every descriptor of this process above the
    /// standard three close-on-exec. Racy (a descriptor opened by another thread meanwhile is
    /// inherited), so used only where the spawn action is missing.
    private static func markCloseOnExec() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for name in names {
            // The listing's own descriptor is gone by now: fcntl fails on it, harmlessly.
            guard let descriptor = Int32(name), descriptor > 2 else { continue }
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0, flags & FD_CLOEXEC == 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    /// Whether it has not exited yet (reaps it when it has).
    public var isRunning: Bool { reaped() == nil }

    /// Its raw `waitpid` status if it has exited (reaping it), without waiting.
    private func reaped() -> Int32? {
        if let known = lock.withLock({ status }) { return known }
        var raw: Int32 = 0
        let reaped = waitpid(pid, &raw, WNOHANG)
        guard reaped == pid || (reaped < 0 && errno == ECHILD) else { return nil }
        let final = reaped == pid ? raw : -1
        lock.withLock { status = final }
        return final
    }

    /// Its exit status (the raw `waitpid` status) once it has exited, waiting at most `seconds`.
    public func exitStatus(within seconds: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let status = reaped() { return status }
            guard Date() < deadline else { return nil }
            usleep(5_000)
        }
    }

    /// ``exitStatus(within:)`` that polls with `Task.sleep`, holding no thread while it waits.
    public func exitStatus(within seconds: TimeInterval) async -> Int32? {
        let seconds = max(0, seconds)
        let deadline = Date().addingTimeInterval(seconds)
        for _ in 0..<Int(seconds / 0.005 + 2) {
            if let status = reaped() { return status }
            guard Date() < deadline else { break }
            // Pacing a poll of waitpid (the kernel says nothing when a child exits but SIGCHLD,
            // which belongs to the whole process). A cancelled task's sleep returns at once: the
            // rest of the wait then goes on a thread of its own, still bounded.
            do { try await Task.sleep(for: .milliseconds(5)) } catch {
                let left = max(0, deadline.timeIntervalSinceNow)
                return await onOwnThread { self.exitStatus(within: left) }
            }
        }
        return reaped()
    }

    /// ``stop(_:grace:)`` that waits without holding a thread of the cooperative pool.
    @discardableResult
    public func stop(_ signal: Int32 = SIGTERM, grace: TimeInterval) async -> Bool {
        guard isRunning else { return true }
        kill(pid, signal)
        if await exitStatus(within: grace) != nil { return true }
        kill(pid, SIGKILL)
        return await exitStatus(within: 5) != nil
    }

    /// ``exitCode(within:)`` that waits without holding a thread of the cooperative pool.
    public func exitCode(within seconds: TimeInterval) async -> Int32? {
        guard let raw = await exitStatus(within: seconds) else { return nil }
        return Self.exitCode(raw)
    }

    /// ``readLine(within:)`` on a thread of its own (see ``onOwnThread(_:)``).
    public func readLine(within seconds: TimeInterval) async -> String? {
        await onOwnThread { self.readLine(within: seconds) }
    }

    /// ``readAll(within:)`` on a thread of its own (see ``onOwnThread(_:)``).
    public func readAll(within seconds: TimeInterval) async -> String {
        await onOwnThread { self.readAll(within: seconds) }
    }

    /// Sends `signal`, waits up to `grace` for the exit, then SIGKILL and up to 5 s more.
    /// False when the process still has not exited (a zombie the kernel keeps: reported, not hung on).
    @discardableResult
    public func stop(_ signal: Int32 = SIGTERM, grace: TimeInterval) -> Bool {
        guard isRunning else { return true }
        kill(pid, signal)
        if exitStatus(within: grace) != nil { return true }
        kill(pid, SIGKILL)
        return exitStatus(within: 5) != nil
    }

    /// The next line of output (without its newline), waiting at most `seconds`; nil at the
    /// deadline or when the output ends first.
    public func readLine(within seconds: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let newline = lock.withLock({ pending.firstIndex(of: UInt8(ascii: "\n")) }) {
                return lock.withLock {
                    let line = pending[pending.startIndex..<newline]
                    pending.removeSubrange(pending.startIndex...newline)
                    return String(decoding: line, as: UTF8.self)
                }
            }
            guard Date() < deadline, readChunk(until: deadline) else { return nil }
        }
    }

    /// Everything it writes until it closes its output, waiting at most `seconds`.
    public func readAll(within seconds: TimeInterval) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, readChunk(until: deadline) {}
        return lock.withLock {
            defer { pending.removeAll() }
            return String(decoding: pending, as: UTF8.self)
        }
    }

    /// Reads what is available before `deadline`; false once the output has ended.
    private func readChunk(until deadline: Date) -> Bool {
        guard readEnd >= 0 else { return false }
        var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(deadline.timeIntervalSinceNow * 1000, 1000)))
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 { return errno == EINTR }
        if ready == 0 { return true }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = read(readEnd, &buffer, buffer.count)
        if count <= 0 { return count < 0 && errno == EINTR }
        lock.withLock { pending.append(contentsOf: buffer[0..<count]) }
        return true
    }

    /// Its exit code once exited (128 + the signal when a signal ended it), waiting at most `seconds`.
    public func exitCode(within seconds: TimeInterval) -> Int32? {
        guard let raw = exitStatus(within: seconds) else { return nil }
        return Self.exitCode(raw)
    }

    /// The exit code in a raw `waitpid` status (128 + the signal when a signal ended it).
    private static func exitCode(_ raw: Int32) -> Int32 {
        if raw < 0 { return -1 }
        return raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }

    /// Runs a command to completion and returns what it printed (standard output and error) and
    /// its exit code; bounded by `seconds` (then it is killed and ``ChildProcessError/timedOut(_:output:)``
    /// thrown).
    @discardableResult
    public static func run(
        _ arguments: [String], directory: String? = nil, within seconds: TimeInterval = 60
    ) throws -> (output: String, exitCode: Int32) {
        let child = try ChildProcess(arguments, directory: directory, output: .pipe)
        let output = child.readAll(within: seconds)
        guard let code = child.exitCode(within: 5) else {
            child.stop(SIGKILL, grace: 0)
            throw ChildProcessError.timedOut(arguments.joined(separator: " "), output: output)
        }
        return (output, code)
    }
}

/// A child process could not be started or did not finish in time.
public enum ChildProcessError: Error, CustomStringConvertible {
    case spawn(String, Int32)
    case timedOut(String, output: String)

    public var description: String {
        switch self {
        case .spawn(let path, let code): "cannot start \(path): \(String(cString: strerror(code)))"
        case .timedOut(let command, let output): "\(command) did not finish in time; it printed:\n\(output)"
        }
    }
}
