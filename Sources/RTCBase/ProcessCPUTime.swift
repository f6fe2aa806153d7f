#if canImport(Glibc)
import Glibc
#endif

/// The CPU time (user and system) all of this process's threads have used so far.
///
/// C's `clock()`, which glibc reads from `CLOCK_PROCESS_CPUTIME_ID` in microseconds
/// (`CLOCKS_PER_SEC`) and which a 64-bit `clock_t` does not wrap. (`timespec`'s and `timeval`'s
/// members resolve through CoreFoundation in release builds of modules that do not import it.)
public enum ProcessCPUTime {
    /// CPU time so far; zero where the C library has no `clock()`.
    public static func now() -> Duration {
        #if canImport(Glibc)
        let ticks = clock()
        guard ticks >= 0 else { return .zero }
        return .microseconds(Int64(ticks) * 1_000_000 / Int64(CLOCKS_PER_SEC))
        #else
        return .zero
        #endif
    }

    /// CPU seconds so far, for figures.
    public static func seconds() -> Double {
        let (seconds, attoseconds) = now().components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
