import Foundation
import Logging

/// Process-wide logging setup for the CLI (libraries only take a `Logger`).
enum LogSetup {
    /// Logs to stderr at `level`, as text or (`json`) one JSON object a line; stdout stays for
    /// the command's own output.
    static func bootstrap(level: String, label: String, json: Bool = false) -> Logger {
        let resolved = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            if json { return JSONLogHandler(label: label, logLevel: resolved) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = resolved
            return handler
        }
        var logger = Logger(label: label)
        logger.logLevel = resolved
        return logger
    }
}

/// Writes a line to stdout unbuffered, so it reaches a pipe at once and in order.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
