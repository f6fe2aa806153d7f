import Synchronization

/// One connection's messages waiting for the socket, in order and bounded: the hub and the relay
/// fast path hand them over without waiting, and the connection's ``OutboxWriter`` takes them in
/// bounded batches on its event loop, so a burst goes out with one flush.
///
/// The limits count every message not yet in the kernel: those queued here and those the writer
/// took and handed to NIO but the socket has not taken yet (the writer gives them back with
/// ``release(_:)``). So a client that reads just fast enough never makes the server hold more
/// than `limit` messages, or more than `byteLimit` bytes of them (``OutboundItem/weight``), for
/// it: a count alone let a slow reader pin `limit` offers of the largest size (64 MiB).
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
        /// The weights of `items`, in the same order.
        var weights: [Int] = []
        /// The weights of the messages the writer took and has not released (handed to NIO, not
        /// yet written), oldest first: bursts are written, and released, in the order taken.
        var takenWeights: [Int] = []
        /// Bytes of everything queued or taken and not released.
        var bytes = 0
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
    /// Bytes held at most, counted as ``OutboundItem/weight``; one message is always accepted
    /// into an empty outbox, whatever its size.
    let byteLimit: Int

    init(limit: Int, byteLimit: Int = .max) {
        self.limit = limit
        self.byteLimit = byteLimit
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
            let weight = item.weight
            if case .close = item {
                state.closing = true
            } else if state.overflowed {
                return (.closing, nil)
            } else if state.items.count + state.takenWeights.count >= limit
                        || (state.bytes > 0 && state.bytes + weight > byteLimit) {
                state.overflowed = true
                return (.dropped, nil)
            }
            state.items.append(item)
            state.weights.append(weight)
            state.bytes += weight
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
                state.takenWeights.append(contentsOf: state.weights)
                state.weights = []
            } else {
                items = Array(state.items[..<max])
                state.items.removeFirst(max)
                state.takenWeights.append(contentsOf: state.weights[..<max])
                state.weights.removeFirst(max)
            }
            if items.isEmpty { state.drainRequested = false }
            return (items, state.finished)
        }
    }

    /// The `count` oldest taken messages are in the kernel now (or were not written at all).
    func release(_ count: Int) {
        state.withLock { state in
            let released = min(count, state.takenWeights.count)
            state.bytes -= state.takenWeights[..<released].reduce(0, +)
            state.takenWeights.removeFirst(released)
        }
    }
}
