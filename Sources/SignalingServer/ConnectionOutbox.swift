import Synchronization

/// One connection's messages waiting for the socket, in order and bounded: the hub and the relay
/// fast path hand them over without waiting, and the connection's ``OutboxWriter`` takes them in
/// bounded batches on its event loop, so a burst goes out with one flush.
///
/// The limit counts every message not yet in the kernel: those queued here and those the writer
/// took and handed to NIO but the socket has not taken yet (the writer gives them back with
/// ``release(_:)``). So a client that reads just fast enough never makes the server hold more
/// than `limit` messages for it.
final class ConnectionOutbox: Sendable {
    /// What became of a message handed over.
    enum YieldResult: Sendable, Equatable {
        /// Queued for the writer.
        case enqueued
        /// The queue was full: the message is lost and the connection too slow to keep.
        case dropped
        /// A close is queued (the writer stops at it) or the outbox already overflowed (the
        /// connection is being cut off): the message is lost, but this connection is not to blame
        /// for it again.
        case closing
        /// The outbox was finished; nobody will send it.
        case terminated
    }

    private struct State {
        var items: [OutboundItem] = []
        /// Messages the writer took and has not released (handed to NIO, not yet written).
        var taken = 0
        var finished = false
        /// A close item is queued: nothing after it would be written.
        var closing = false
        /// A message was dropped: nothing after it is queued either, so the client never reads a
        /// message that followed a lost one (the hub is told of the first drop only, and cuts the
        /// connection off whenever it gets to it, from whichever path).
        var overflowed = false
        /// A drain was asked for and has not yet found the outbox empty: no need to ask again.
        var drainRequested = false
        /// Asks the writer for a drain; nil until one is attached and after the last drain.
        var wake: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())
    /// Messages held at most, queued and taken but not yet written together.
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

    /// Queues a message unless the outbox is full, closing, finished or overflowed once already.
    /// A close item is queued even when the outbox is full (once): it is what ends the connection.
    @discardableResult
    func yield(_ item: OutboundItem) -> YieldResult {
        let (result, wake) = yieldLeavingWake(item)
        wake?()
        return result
    }

    /// As ``yield(_:)``, but hands back the writer's wake-up (when this message needs one) for
    /// the caller to call: the cluster's LISTEN task calls them once a whole notification is
    /// queued, so each event loop is woken once for it rather than once per target.
    func yieldLeavingWake(_ item: OutboundItem) -> (YieldResult, (@Sendable () -> Void)?) {
        state.withLock { state -> (YieldResult, (@Sendable () -> Void)?) in
            guard !state.finished else { return (.terminated, nil) }
            guard !state.closing else { return (.closing, nil) }
            if case .close = item {
                state.closing = true
            } else if state.overflowed {
                return (.closing, nil)
            } else if state.items.count + state.taken >= limit {
                state.overflowed = true
                return (.dropped, nil)
            }
            state.items.append(item)
            guard !state.drainRequested else { return (.enqueued, nil) }
            state.drainRequested = true
            return (.enqueued, state.wake)
        }
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

    /// Up to `max` queued items, oldest first, and whether the outbox is finished; they count
    /// against the limit until released. Taking nothing clears the drain request, so the next
    /// message asks for a drain again.
    func take(max: Int) -> (items: [OutboundItem], finished: Bool) {
        state.withLock { state in
            let items: [OutboundItem]
            if state.items.count <= max {
                items = state.items
                state.items = []
            } else {
                items = Array(state.items[..<max])
                state.items.removeFirst(max)
            }
            state.taken += items.count
            if items.isEmpty { state.drainRequested = false }
            return (items, state.finished)
        }
    }

    /// `count` taken messages are in the kernel now (or were not written at all).
    func release(_ count: Int) {
        state.withLock { $0.taken -= count }
    }
}
