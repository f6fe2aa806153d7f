import Foundation
import Synchronization

/// Another WebRTC stack's echo peer, started as `/bin/sh -c CMD`, spoken to through the
/// stdin/stdout convention of Interop/README.md. Its stderr goes to a temporary log file.
final class PeerProcess: Sendable {
    let command: String
    let lines: AsyncStream<String>
    let logURL: URL
    private let process: Process
    private let input: FileHandle

    /// Starts the command; its stdout lines arrive on ``lines``.
    init(command: String) throws {
        self.command = command
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec " + command]
        let stdin = Pipe()
        let stdout = Pipe()
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("collab-peer-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: logURL)
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let reader = stdout.fileHandleForReading
        try process.run()
        self.process = process
        self.input = stdin.fileHandleForWriting
        self.lines = stream
        // A thread of its own: the read blocks, and must not hold a cooperative-pool thread.
        Thread {
            var buffer = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                buffer += chunk
                while let newline = buffer.firstIndex(of: 0x0A) {
                    continuation.yield(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer = Data(buffer[buffer.index(after: newline)...])
                }
            }
            continuation.finish()
        }.start()
    }

    /// Writes one line to the peer's stdin.
    func send(_ line: String) {
        try? input.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Closes the peer's stdin.
    func closeInput() {
        try? input.close()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Waits for the exit, at most `timeout`; returns the exit status, or `nil` if still running.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        // Polled at 20 ms: Foundation's Process has no async wait, and this bounds the wait.
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Ends the peer by its PID: SIGTERM, then SIGKILL after a grace period.
    func stop() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        if await waitForExit(timeout: .seconds(3)) == nil, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            _ = await waitForExit(timeout: .seconds(2))
        }
    }

    /// The peer's stderr so far.
    var log: String {
        (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    }

    /// Removes the log file.
    func removeLog() {
        try? FileManager.default.removeItem(at: logURL)
    }
}
