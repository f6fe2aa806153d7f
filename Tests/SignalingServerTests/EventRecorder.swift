import RTCTestSupport
import Foundation
import SignalingClient
import SignalingProtocol
import SignalingServer
import RTCTestSupport
import RTCBase

/// Records a client's events and lets a test wait, with a timeout, for a condition on them.
actor EventRecorder {
    private(set) var events: [SignalingEvent] = []
    private var waiters: [Waiter] = []
    private var nextWaiter = 0

    private struct Waiter {
        let id: Int
        let condition: @Sendable ([SignalingEvent]) -> Bool
        let continuation: CheckedContinuation<Void, any Error>
    }

    init(_ stream: AsyncStream<SignalingEvent>) {
        Task { await self.consume(stream) }
    }

    private func consume(_ stream: AsyncStream<SignalingEvent>) async {
        for await event in stream { record(event) }
    }

    private func record(_ event: SignalingEvent) {
        events.append(event)
        let snapshot = events
        var still: [Waiter] = []
        for waiter in waiters {
            if waiter.condition(snapshot) { waiter.continuation.resume() } else { still.append(waiter) }
        }
        waiters = still
    }

    /// Waits until `condition` holds over everything recorded so far.
    func until(
        _ what: String, timeout: Duration = .seconds(10), _ condition: @escaping @Sendable ([SignalingEvent]) -> Bool
    ) async throws {
        if condition(events) { return }
        nextWaiter += 1
        let id = nextWaiter
        try await withCheckedThrowingContinuation { continuation in
            waiters.append(Waiter(id: id, condition: condition, continuation: continuation))
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(id, what)
            }
        }
    }

    private func expire(_ id: Int, _ what: String) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: TimeoutError(what: what))
    }

    /// Messages received so far (relays, notices, unsolicited errors), in order.
    var messages: [ServerMessage] { Self.messages(in: events) }

    static func messages(in events: [SignalingEvent]) -> [ServerMessage] {
        events.compactMap { if case .message(let message) = $0 { message } else { nil } }
    }

    /// Waits for the first message matching `match` and returns it.
    @discardableResult
    func waitMessage(_ what: String, _ match: @escaping @Sendable (ServerMessage) -> Bool) async throws -> ServerMessage {
        try await until(what) { Self.messages(in: $0).contains(where: match) }
        return messages.first(where: match)!
    }

    /// Waits until `count` messages match `match`; returns all that match.
    @discardableResult
    func waitMessages(
        _ what: String, count: Int, _ match: @escaping @Sendable (ServerMessage) -> Bool
    ) async throws -> [ServerMessage] {
        try await until(what) { Self.messages(in: $0).filter(match).count >= count }
        return messages.filter(match)
    }

    /// Waits for an event (any kind) matching `match`.
    @discardableResult
    func waitEvent(_ what: String, _ match: @escaping @Sendable (SignalingEvent) -> Bool) async throws -> SignalingEvent {
        try await until(what) { $0.contains(where: match) }
        return events.first(where: match)!
    }
}

/// Matches an `error` message with this code.
func isError(_ code: SignalingErrorCode) -> @Sendable (ServerMessage) -> Bool {
    { message in
        if case .error(let error) = message { return error.code == code }
        return false
    }
}
