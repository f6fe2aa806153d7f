#if canImport(Glibc)
import Glibc
#endif
import Logging
import RTCBase

/// Gives memory freed after a crowd has gone back to the system.
///
/// glibc's allocator keeps what the event-loop threads freed in their own arenas: after a soak of
/// 2,000 clients had all left, the server's RSS stayed 200 MiB above its start although nothing was
/// in use. `malloc_trim` walks the arenas and returns their free pages; at rest it costs well under
/// a millisecond, but while relaying it holds each arena for 0.8-4.3 ms, and the event loop that
/// allocates from it waits (docs/BENCHMARKS.md). With ``MemoryTrim/quiet`` it runs only after a
/// quiet interval (``MemoryTrimPolicy``), checked every `interval`; by default every `interval`.
struct MemoryTrimmer: Sendable {
    let interval: Duration
    let mode: MemoryTrim
    let logger: Logger

    /// Whether the C library has `malloc_trim` (glibc); elsewhere there is nothing to run.
    static var isAvailable: Bool { mallocTrim != nil }

    /// Checks every `interval` until cancelled; returns at once without malloc_trim or with mode
    /// `off`, so start it only when ``isAvailable`` and on (a task group that ends on its first
    /// child would end with it).
    func run() async {
        guard let trim = Self.mallocTrim, mode != .off else { return }
        var policy = MemoryTrimPolicy()
        if mode == .quiet { _ = policy.check(now: .now, cpu: ProcessCPUTime.now()) }
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            if mode == .quiet, policy.check(now: .now, cpu: ProcessCPUTime.now()) != .trim { continue }
            if trim(0) != 0 { logger.trace("returned freed memory to the system") }
        }
    }

    private typealias Trim = @convention(c) (Int) -> Int32

    /// glibc's `malloc_trim`, looked up at run time: Swift's Glibc module does not declare it.
    private static let mallocTrim: Trim? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()
}
