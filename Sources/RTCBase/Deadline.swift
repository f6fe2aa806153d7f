import Synchronization

/// Runs `body`, failing with `TimeoutError` if it takes longer than `limit`.
///
/// Unlike a task group, this returns at the deadline even when `body` ignores cancellation
/// (the work is cancelled and left to finish on its own), so a stuck await cannot hang the suite.
public func withTimeout<T: Sendable>(
    _ limit: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let gate = OnceGate<T>()
    let work = Task { gate.finish(await Result(catching: body)) }
    let timer = Task {
        try? await Task.sleep(for: limit)
        gate.finish(.failure(TimeoutError(what: what)))
    }
    // The caller's cancellation reaches the work, as a task group's would.
    let result = await withTaskCancellationHandler { await gate.wait() } onCancel: { work.cancel() }
    work.cancel()
    timer.cancel()
    return try result.get()
}

/// Runs `body` in a task of its own and returns its result; when the caller is cancelled, cancels
/// it and waits at most `grace` for it to end, then gives up on it (calling `abandoned`) and
/// throws `TimeoutError`, so work that ignores cancellation cannot hold a shutdown forever.
public func withCancellationGrace<T: Sendable>(
    _ grace: Duration, _ what: String, abandoned: @escaping @Sendable () -> Void = {},
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let gate = OnceGate<T>()
    let work = Task { gate.finish(await Result(catching: body)) }
    return try await withTaskCancellationHandler {
        try await gate.wait().get()
    } onCancel: {
        work.cancel()
        Task {
            try? await Task.sleep(for: grace)
            if gate.finish(.failure(TimeoutError(what: what))) { abandoned() }
        }
    }
}

extension Result where Failure == any Error {
    /// Captures an async throwing body as a result.
    public init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

