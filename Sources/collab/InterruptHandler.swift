import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM for the terminal sessions and the demo: the first runs `stop`
/// (finish the recording, leave the room) and then exits, unless `exits` is false (the caller's
/// own flow ends the process); a second exits at once, in case stopping hangs. The exit status is
/// the shell's for the first signal: 130 after SIGINT, 143 after SIGTERM.
final class InterruptHandler {
    private var sources: [any DispatchSourceSignal] = []
    /// The first signal received, 0 before any.
    private let first = Atomic<Int32>(0)

    /// 128 plus the first signal received (130 for SIGINT, 143 for SIGTERM); 130 before any.
    var exitCode: Int32 {
        let number = first.load(ordering: .acquiring)
        return 128 + (number == 0 ? SIGINT : number)
    }

    init(exits: Bool = true, stop: @escaping @Sendable () async -> Void) {
        let stopping = DispatchQueue(label: "collab.interrupt")
        nonisolated(unsafe) var started = false
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: stopping)
            source.setEventHandler { [weak self] in
                // The handler runs on the serial queue only: `started` needs no lock.
                if started { exit(self?.exitCode ?? 128 + number) }
                started = true
                self?.first.store(number, ordering: .releasing)
                Task {
                    await stop()
                    if exits { exit(128 + number) }
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
