import Foundation

/// `collab serve` started from this same executable as a child process, for benchmarks.
final class ChildServer: Sendable {
    let process: Process
    let url: String
    var pid: Int32 { process.processIdentifier }

    private init(process: Process, url: String) {
        self.process = process
        self.url = url
    }

    /// Starts the child and waits (at most 30 s) for its `listening ws://...` line.
    static func start(arguments: [String]) throws -> ChildServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let reader = output.fileHandleForReading
        var buffer = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            if let text = String(data: buffer, encoding: .utf8), let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening ") }) {
                return ChildServer(process: process, url: String(line.dropFirst("listening ".count)))
            }
        }
        process.terminate()
        throw ChildServerError.didNotStart(String(decoding: buffer, as: UTF8.self))
    }

    /// The child's resident set size in bytes (from /proc), 0 if unreadable.
    func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kib * 1024
    }

    /// CPU time the child has used so far (user + system), in seconds; 0 if unreadable.
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name; utime and stime are fields 14 and 15 of the whole line.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user + system) / ticks
    }

    /// SIGTERM (graceful shutdown) and wait for the exit.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

enum ChildServerError: Error, CustomStringConvertible {
    case didNotStart(String)
    var description: String {
        switch self {
        case .didNotStart(let output): "the server did not start; it printed: \(output.prefix(500))"
        }
    }
}
