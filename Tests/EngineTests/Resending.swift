/// Runs `body` while `send` goes again every `interval` (at most `limit` times), so that a
/// wait for something sent unreliably does not hang on one lost datagram: bio and audio go with
/// `maxRetransmits` 0, and a loaded machine drops datagrams even on loopback. The sleep paces
/// the resends; what the test waits for is still an event.
func whileResending<T: Sendable>(
    every interval: Duration = .milliseconds(250), limit: Int = 240,
    _ send: @escaping @Sendable () throws -> Void,
    _ body: () async throws -> T
) async throws -> T {
    try send()
    let task = Task {
        for _ in 0..<limit {
            do { try await Task.sleep(for: interval) } catch { return }
            try? send()
        }
    }
    defer { task.cancel() }
    return try await body()
}
