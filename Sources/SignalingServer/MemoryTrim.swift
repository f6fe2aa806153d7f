/// When the server gives memory its threads freed back to the system (glibc's `malloc_trim`,
/// considered every 5 s; elsewhere there is nothing to do). `collab serve --memory-trim`.
public enum MemoryTrim: String, Sendable, CaseIterable {
    /// After 5 s in which the process used under 5 % of one core: a crowd has gone, and the
    /// call, which holds each allocator arena while it walks it, delays few messages.
    case quiet
    /// Every 5 s, busy or not: the default. While relaying at 10,000 msgs/s each call stalls an
    /// event loop for 0.8-4.3 ms, yet in the same run as `quiet` it showed no worse relay p99
    /// (docs/BENCHMARKS.md, session 11), and it gives memory back sooner.
    case always
    /// Never: the arenas keep what they hold (e.g. with another allocator preloaded).
    case off
}
