import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM for the terminal sessions: the first runs `stop` (finish the
/// recording, leave the room, exit); a second exits at once, in case stopping hangs.
final class InterruptHandler {
    private let sources: [any DispatchSourceSignal]

    init(stop: @escaping @Sendable () async -> Void) {
        let stopping = DispatchQueue(label: "collab.interrupt")
        nonisolated(unsafe) var started = false
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: stopping)
            source.setEventHandler {
                // The handler runs on the serial queue only: `started` needs no lock.
                if started { exit(130) }
                started = true
                Task {
                    await stop()
                    exit(130)
                }
            }
            source.resume()
            return source
        }
    }

    /// Restores the default actions (the session ended on its own).
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
