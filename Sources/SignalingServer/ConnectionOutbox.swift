import Synchronization

/// One connection's messages waiting for the socket, in order and bounded: the hub and the relay
/// fast path hand them over without waiting, and the connection's ``OutboxWriter`` takes
/// everything queued at once on its event loop, so a burst goes out with one flush.
final class ConnectionOutbox: Sendable {
    /// What became of a message handed over.
    enum YieldResult: Sendable, Equatable {
        /// Queued for the writer.
        case enqueued
        /// The queue was full: the message is lost and the connection too slow to keep.
        case dropped
        /// The outbox was finished; nobody will send it.
        case terminated
    }

    private struct State {
        var items: [OutboundItem] = []
        var finished = false
        /// A drain was asked for and has not yet found the outbox empty: no need to ask again.
        var drainRequested = false
        /// Asks the writer for a drain; nil until one is attached and after the last drain.
        var wake: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())
    /// Messages queued at most (those the writer took are no longer counted).
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Connects the writer; it is woken at once if something is already queued.
    func attach(wake: @escaping @Sendable () -> Void) {
        let pending = state.withLock { state in
            state.wake = wake
            guard !state.items.isEmpty || state.finished else { return false }
            state.drainRequested = true
            return true
        }
        if pending { wake() }
    }

    /// Queues a message unless the outbox is full or finished.
    @discardableResult
    func yield(_ item: OutboundItem) -> YieldResult {
        let (result, wake) = state.withLock { state -> (YieldResult, (@Sendable () -> Void)?) in
            guard !state.finished else { return (.terminated, nil) }
            guard state.items.count < limit else { return (.dropped, nil) }
            state.items.append(item)
            guard !state.drainRequested else { return (.enqueued, nil) }
            state.drainRequested = true
            return (.enqueued, state.wake)
        }
        wake?()
        return result
    }

    /// No more messages: the writer sends what is queued, then stops.
    func finish() {
        let wake = state.withLock { state -> (@Sendable () -> Void)? in
            guard !state.finished else { return nil }
            state.finished = true
            state.drainRequested = true
            // The writer holds this outbox: letting go of its wake-up here breaks the cycle.
            defer { state.wake = nil }
            return state.wake
        }
        wake?()
    }

    /// Everything queued, oldest first, and whether the outbox is finished. Taking nothing
    /// clears the drain request, so the next message asks for a drain again.
    func take() -> (items: [OutboundItem], finished: Bool) {
        state.withLock { state in
            let items = state.items
            state.items = []
            if items.isEmpty { state.drainRequested = false }
            return (items, state.finished)
        }
    }
}
