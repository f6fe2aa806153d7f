import Foundation
import Logging
import Synchronization

/// The last lines an engine logged at debug and above, kept so that a wait that times out can say
/// why (a restart and its reason, a failed transport): a CI run shows only what a test prints.
final class RecentLog: Sendable {
    private let lines = Mutex<[String]>([])
    private let capacity: Int

    init(capacity: Int = 80) { self.capacity = capacity }

    func append(_ line: String) {
        lines.withLock { lines in
            lines.append(line)
            if lines.count > capacity { lines.removeFirst(lines.count - capacity) }
        }
    }

    /// The kept lines, oldest first.
    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    /// A logger that feeds this log (debug and above), and `echo` too at its own level, so
    /// COLLAB_TEST_LOG still shows everything.
    func logger(label: String, echo: Logger) -> Logger {
        var logger = Logger(label: label) { label in RecentLogHandler(log: self, prefix: label, echo: echo) }
        logger.logLevel = min(.debug, echo.logLevel)
        return logger
    }
}

/// Writes each message, with its metadata, into a ``RecentLog``, and passes it on to `echo`.
struct RecentLogHandler: LogHandler {
    let log: RecentLog
    let prefix: String
    let echo: Logger
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if event.level >= echo.logLevel {
            echo.log(level: event.level, event.message, metadata: merged, source: event.source,
                     file: event.file, function: event.function, line: event.line)
        }
        guard event.level >= .debug else { return }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let seconds = Date().timeIntervalSince1970
        let time = String(format: "%.3f", seconds.truncatingRemainder(dividingBy: 3600))
        log.append("[\(time)] \(prefix) \(event.level) \(fields) \(event.message)")
    }
}
