import Foundation

/// Starts a Foundation thread that carries a name in the kernel (what `top -H`, `perf` and
/// `/proc/PID/task/*/comm` show), working around two quirks of Foundation on Linux: a name set
/// before `start` is not applied, and neither is one set from inside before `start` has returned
/// (under load the thread runs first, Foundation then skips the kernel's name, and its getter reads
/// the kernel's). So the body waits for `start` to return and names itself first.
package enum NamedThread {
    /// `name` is at most 15 bytes, the kernel's limit (longer names are cut by Foundation).
    package static func start(name: String, body: @escaping @Sendable () -> Void) {
        let started = DispatchSemaphore(value: 0)
        let thread = Thread {
            started.wait()
            Thread.current.name = name
            body()
        }
        thread.start()
        started.signal()
    }
}
