import Foundation
import NIOCore
import NIOWebSocket
import Prometheus
import SignalingProtocol

/// Writes a connection's ``ConnectionOutbox`` to its socket from the connection's event loop:
/// a bounded batch at a time, each burst with one flush (not a task wake-up, a write and a flush
/// per message). It stops at the channel's high-water mark and goes on when a flushed burst is in
/// the kernel, giving the outbox back the messages that were; so a client that stops reading
/// fills its outbox and the hub cuts it off, and what the server holds for it never passes the
/// outbox's limit. A close item ends the writing: its close frame goes through the WebSocket
/// layer, which owns the close handshake.
final class OutboxWriter: Sendable {
    /// Items taken from the outbox at once: a burst of small messages goes out together, and a
    /// burst of large ones is cut at the high-water mark anyway.
    static let batch = 64

    private struct State {
        /// Nothing more is written (closed, finished, failed, or the reader failed).
        var stopped = false
        /// Waiting for a flushed burst to reach the kernel before writing more.
        var waitingForSocket = false
        /// Items taken from the outbox and not yet written, from `next` on.
        var taken: [OutboundItem] = []
        var next = 0
        /// Flushed bursts whose last write has not completed.
        var inFlight = 0
        /// A drain is on the stack: a burst the kernel takes at once completes inside it, and the
        /// drain goes on by itself rather than being entered again.
        var draining = false
        var completed = false
    }

    private let state: NIOLoopBoundBox<State>
    private let outbox: ConnectionOutbox
    private let channel: any Channel
    private let writes: WriteClock
    private let metrics: SignalingMetrics
    private let done: EventLoopPromise<Void>
    /// Sends the close frame for a close item (through the WebSocket layer) and tells the hub.
    private let close: @Sendable (CloseReason) async -> Void

    init(
        outbox: ConnectionOutbox, channel: any Channel, writes: WriteClock, metrics: SignalingMetrics,
        close: @escaping @Sendable (CloseReason) async -> Void
    ) {
        self.outbox = outbox
        self.channel = channel
        self.writes = writes
        self.metrics = metrics
        self.close = close
        self.state = NIOLoopBoundBox.makeBoxSendingValue(State(), eventLoop: channel.eventLoop)
        self.done = channel.eventLoop.makePromise(of: Void.self)
    }

    /// Completes once the writer has stopped (after a close item, once its close frame is out).
    var finished: EventLoopFuture<Void> { done.futureResult }

    /// Asks for a drain on the event loop (the outbox calls it once per burst).
    func wake() {
        channel.eventLoop.execute { self.drain() }
    }

    /// The reader failed: the WebSocket layer closes with the code that failure stands for, so
    /// nothing more is written.
    func stop() {
        channel.eventLoop.execute { self.complete() }
    }

    /// Writes until the outbox is empty, the channel is above its high-water mark or a close
    /// item comes, then flushes what it wrote.
    private func drain() {
        guard !state.value.stopped, !state.value.waitingForSocket, !state.value.draining else { return }
        state.value.draining = true
        defer { state.value.draining = false }
        let now = ContinuousClock.now
        var written = 0
        // The latest frame is held back so the flush can carry the burst's one promise.
        var held: WebSocketFrame?
        while true {
            if state.value.next == state.value.taken.count {
                let (items, finished) = outbox.take(max: Self.batch)
                state.value.taken = items
                state.value.next = 0
                guard !items.isEmpty else {
                    flush(held, count: written, now: now)
                    if finished { complete() }
                    return
                }
            }
            // Without a burst in flight nothing of ours holds the channel up, so one frame goes
            // anyway (a completed burst always finds the channel writable; this is a safeguard).
            guard channel.isWritable || (written == 0 && state.value.inFlight == 0) else {
                state.value.waitingForSocket = true
                flush(held, count: written, now: now)
                // The kernel may take the burst at once: its completion, inside the flush, ended the wait.
                guard !state.value.waitingForSocket, !state.value.stopped else {
                    // What is written is NIO's now: the messages need not be kept while waiting.
                    state.value.taken.removeFirst(state.value.next)
                    state.value.next = 0
                    return
                }
                (held, written) = (nil, 0)
                continue
            }
            let item = state.value.taken[state.value.next]
            state.value.next += 1
            let frame: WebSocketFrame
            switch item {
            case .message(let message):
                frame = Self.textFrame(message)
            case .relay(let message, let received):
                frame = Self.textFrame(message)
                metrics.relayLatency.record(now - received)
            case .text(let text):
                frame = WebSocketFrame(fin: true, opcode: .text, data: text)
            case .relayText(let text, let received):
                frame = WebSocketFrame(fin: true, opcode: .text, data: text)
                metrics.relayLatency.record(now - received)
            case .close(let reason):
                flush(held, count: written, now: now)
                if !state.value.stopped { startClose(reason) }
                return
            }
            if let held { channel.write(held, promise: nil) }
            held = frame
            written += 1
        }
    }

    /// Writes `last` and flushes the burst of `count` frames it ends; when `last` is in the
    /// kernel (writes complete in order, so the whole burst is), the outbox gets them back and
    /// the write clock notes the progress.
    private func flush(_ last: WebSocketFrame?, count: Int, now: ContinuousClock.Instant) {
        guard let last else { return }
        if state.value.inFlight == 0 { writes.begin(now) }
        state.value.inFlight += 1
        let flushed = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(last, promise: flushed)
        flushed.futureResult.whenComplete { result in
            self.state.value.inFlight -= 1
            self.outbox.release(count)
            guard case .success = result else { return self.complete() }
            if self.state.value.inFlight == 0 {
                self.writes.end()
            } else {
                self.writes.progress(ContinuousClock.now)
            }
            if self.state.value.waitingForSocket {
                self.state.value.waitingForSocket = false
                if !self.state.value.draining { self.drain() }
            }
        }
    }

    /// Hands a close item to the WebSocket layer; the writer is done once its frame is out.
    private func startClose(_ reason: CloseReason) {
        state.value.stopped = true
        state.value.completed = true
        let (close, done) = (self.close, self.done)
        Task {
            await close(reason)
            done.succeed()
        }
    }

    /// Stops writing and lets the connection go on (once).
    private func complete() {
        state.value.stopped = true
        guard !state.value.completed else { return }
        state.value.completed = true
        done.succeed()
    }

    /// One message in one text frame, its bytes written straight into the frame's buffer.
    static func textFrame(_ message: ServerMessage) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: message.jsonBytes()))
    }
}
