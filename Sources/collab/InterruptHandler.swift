import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM for the terminal sessions and the demo: the first runs `stop`
/// (finish the recording, leave the room) and then exits, unless `exits` is false (the caller's
/// own flow ends the process); a second exits at once, in case stopping hangs.
final class InterruptHandler {
    private let sources: [any DispatchSourceSignal]

    init(exits: Bool = true, stop: @escaping @Sendable () async -> Void) {
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
                    if exits { exit(130) }
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
