import Foundation

/// Runs blocking `work` (a `poll` on a child's output, a wait for a child's exit) on a thread of
/// its own and waits for it without holding a thread of Swift's cooperative pool.
///
/// That pool has one thread per core. On the 2-core CI machine, two tests blocked in such calls
/// at once stalled every other test's tasks (timers, event handlers) for up to 5.7 s, and engine
/// links that were coming up restarted or timed out. The work must bound its own time.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result(catching: work)) }.start()
    }
}

/// ``onOwnThread(_:)`` for work that cannot fail.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
