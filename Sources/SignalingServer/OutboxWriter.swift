import Foundation
import NIOCore
import NIOWebSocket
import Prometheus
import SignalingProtocol

/// Writes a connection's ``ConnectionOutbox`` to its socket from the connection's event loop:
/// everything queued at once, then one flush (not a task wake-up, a write and a flush per
/// message). While the socket takes no more (NIO's buffer above its high-water mark) it waits
/// for the last write to complete, so a client that stops reading fills its outbox and the
/// hub cuts it off. A close item ends the writing: its close frame goes through the WebSocket
/// layer, which owns the close handshake.
final class OutboxWriter: Sendable {
    private struct State {
        /// Nothing more is written (closed, finished, failed, or the reader failed).
        var stopped = false
        /// Waiting for the last batch to reach the socket before writing more.
        var waitingForSocket = false
        /// Batches written so far; the write clock ends only with the latest.
        var batches = 0
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

    private func drain() {
        while !state.value.stopped, !state.value.waitingForSocket {
            let (items, finished) = outbox.take()
            guard !items.isEmpty else {
                if finished { complete() }
                return
            }
            write(items)
            if !channel.isWritable, !state.value.stopped { state.value.waitingForSocket = true }
        }
    }

    private func write(_ items: [OutboundItem]) {
        let now = ContinuousClock.now
        var frames: [WebSocketFrame] = []
        frames.reserveCapacity(items.count)
        var closeReason: CloseReason?
        for item in items {
            switch item {
            case .message(let message):
                frames.append(Self.textFrame(message))
            case .relay(let message, let received):
                frames.append(Self.textFrame(message))
                metrics.relayLatency.record(now - received)
            case .close(let reason):
                closeReason = reason
            }
            if closeReason != nil { break }
        }
        if let last = frames.popLast() {
            writes.begin(now)
            state.value.batches += 1
            let batch = state.value.batches
            for frame in frames { channel.write(frame, promise: nil) }
            let flushed = channel.eventLoop.makePromise(of: Void.self)
            channel.writeAndFlush(last, promise: flushed)
            flushed.futureResult.whenComplete { result in
                if batch == self.state.value.batches { self.writes.end() }
                if case .failure = result {
                    self.complete()
                    return
                }
                if self.state.value.waitingForSocket {
                    self.state.value.waitingForSocket = false
                    self.drain()
                }
            }
        }
        if let closeReason {
            // Completed by the close task, once the close frame is out.
            state.value.stopped = true
            state.value.completed = true
            let (close, done) = (self.close, self.done)
            Task {
                await close(closeReason)
                done.succeed()
            }
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
