/// A bounded wait ran out.
struct TimeoutError: Error, CustomStringConvertible {
    var what: String
    var timeout: Duration
    var description: String { "timed out after \(timeout) waiting for \(what)" }
}

/// Runs `body`, cancelling it and throwing ``TimeoutError`` if it takes longer than `timeout`.
///
/// The sleep here is the deadline of a wait, never a synchronisation step.
func withTimeout<T: Sendable>(_ timeout: Duration, _ what: String,
                              _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimeoutError(what: what, timeout: timeout)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
