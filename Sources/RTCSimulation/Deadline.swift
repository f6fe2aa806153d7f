import Synchronization

/// A bounded wait ran out.
public struct TimeoutError: Error, CustomStringConvertible {
    public let what: String

    /// What was being waited for.
    public init(what: String) { self.what = what }
    public var description: String { "timed out waiting for \(what)" }
}

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
    let result = await gate.wait()
    work.cancel()
    timer.cancel()
    return try result.get()
}

/// A result delivered once, to one waiter; later deliveries are ignored.
public final class OnceGate<T: Sendable>: Sendable {
    private let state = Mutex<(result: Result<T, any Error>?, waiter: CheckedContinuation<Result<T, any Error>, Never>?)>((nil, nil))

    public init() {}

    public func finish(_ result: Result<T, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result<T, any Error>, Never>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: result)
    }

    public func wait() async -> Result<T, any Error> {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Result<T, any Error>? in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

extension Result where Failure == any Error {
    /// Captures an async throwing body as a result.
    public init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

