#if canImport(Glibc)
import Glibc
#endif
import Logging

/// Gives memory freed after a crowd has gone back to the system.
///
/// glibc's allocator keeps what the event-loop threads freed in their own arenas: after a soak of
/// 2,000 clients had all left, the server's RSS stayed 200 MiB above its start although nothing was
/// in use. `malloc_trim` walks the arenas and returns their free pages; at rest it costs well under
/// a millisecond, so running it every few seconds is cheap.
struct MemoryTrimmer: Sendable {
    let interval: Duration
    let logger: Logger

    /// Whether the C library has `malloc_trim` (glibc); elsewhere there is nothing to run.
    static var isAvailable: Bool { mallocTrim != nil }

    /// Trims every `interval` until cancelled; returns at once without malloc_trim, so start it only
    /// when ``isAvailable`` (a task group that ends on its first child would end with it).
    func run() async {
        guard let trim = Self.mallocTrim else { return }
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
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
