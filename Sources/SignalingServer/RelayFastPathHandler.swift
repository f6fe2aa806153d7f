import NIOCore
import NIOWebSocket
import Prometheus
import SignalingProtocol
import Synchronization

/// Relays a client's offers, answers and candidates on its event loop, as the frames are read:
/// a whole, unfragmented data frame that the byte scanner reads as a relay goes straight to its
/// target's outbox (``RelaySeat``), without the hand-over to the connection's task (NIO's async
/// channel, the WebSocket layer's stream, a task wake-up per frame). Everything else, and every
/// frame while the task still has one to handle, goes on to the task as before, which judges it
/// (errors, rate limit replies, joins, the hub).
///
/// One object per connection for three jobs, as each costs memory: it is also what the task
/// shares with it (the message rate limit both take from, and whether the handler may relay a
/// frame itself: only when every data frame it passed to the task has been handled, so relays
/// never pass a message the client sent earlier), and, on the way out, the connection's
/// close-frame rule (as ``CloseFrameGate``, which the connection falls back to when this handler
/// could not be put in place).
final class RelayFastPathHandler: ChannelDuplexHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// What the task and the handler share.
    private struct Shared {
        var messages: TokenBucket
        /// Data frames passed to the task and not yet handled by it.
        var pending = 0
        /// The connection's seat, once the task has one; nil again for good when the task stops
        /// reading (after that, frames are left to the WebSocket layer, as before).
        var seat: RelaySeat?
        var stopped = false
    }

    private let shared: Mutex<Shared>
    private let hub: SignalingHub
    private let maxMessageBytes: Int
    /// Inside a fragmented message: its frames are the task's (the assembler's). The event
    /// loop's alone; atomic only so the task may hold the handler.
    private let fragmented = Atomic<Bool>(false)
    /// A close frame went out: RFC 6455 §5.5.1, "after sending a Close frame, the endpoint MUST
    /// NOT send any further data frames". The event loop's alone, as `fragmented`.
    private let closeSent = Atomic<Bool>(false)

    init(hub: SignalingHub, maxMessageBytes: Int, messagesPerSecond: Double, burst: Double, now: ContinuousClock.Instant) {
        self.hub = hub
        self.maxMessageBytes = maxMessageBytes
        shared = Mutex(Shared(messages: TokenBucket(rate: messagesPerSecond, burst: burst, now: now)))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            let whole = frame.fin && !fragmented.load(ordering: .relaxed)
            if !frame.fin { fragmented.store(true, ordering: .relaxed) }
            if whole, relay(frame) { return }
            shared.withLock { $0.pending += 1 }
        case .continuation:
            if frame.fin { fragmented.store(false, ordering: .relaxed) }
            shared.withLock { $0.pending += 1 }
        case .connectionClose:
            stop()
        default:
            break
        }
        context.fireChannelRead(data)
    }

    /// The close-frame rule: a frame after the close fails its write with
    /// `ChannelError.outputClosed`, which stops the writer that sent it.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !closeSent.load(ordering: .relaxed) else {
            promise?.fail(ChannelError.outputClosed)
            return
        }
        if unwrapOutboundIn(data).opcode == .connectionClose { closeSent.store(true, ordering: .relaxed) }
        context.write(data, promise: promise)
    }

    /// True when the frame was a relay this handler took care of.
    private func relay(_ frame: WebSocketFrame) -> Bool {
        // Extensions (none are offered), reserved bits and oversized messages are the task's to refuse.
        guard frame.reservedBits.isEmpty, frame.extensionData == nil, frame.data.readableBytes <= maxMessageBytes else {
            return false
        }
        let now = ContinuousClock.now
        // The seat, its token taken, when the task has its seat, has handled every frame passed
        // to it and reads on; else the frame is the task's (which takes its token then).
        let taken = shared.withLock { shared -> RelaySeat? in
            guard shared.pending == 0, let seat = shared.seat, shared.messages.take(now: now) else { return nil }
            return seat
        }
        guard let seat = taken else { return false }
        var bytes = Array(frame.data.readableBytesView)
        if let key = frame.maskKey { Self.unmask(&bytes, key) }
        // A message the scanner accepts is valid UTF-8 (it checks every string and takes nothing
        // but ASCII outside them; SignalingFuzz holds it to that), so the assembler's check has
        // nothing to add.
        guard let message = bytes.withUnsafeBytes({ ClientMessage.scannedRelay(utf8: $0) }) else {
            refund()
            return false
        }
        let metrics = hub.metrics
        switch seat.relay(message, received: now) {
        case .delivered:
            metrics.relayed.increment()
            metrics.fastPathRelays.increment()
        case .discarded:
            metrics.discarded.increment()
        case .forwarded:
            break
        case .overflowed(let target):
            // Not awaited, unlike the reader: the target's outbox took nothing after this drop
            // (``ConnectionOutbox`` reports only its first), so no later relay of this sender can
            // reach the target first, and there is one such task per target cut off.
            let hub = self.hub
            Task { await hub.relayOverflowed(to: target) }
        case .declined:
            refund()
            return false
        }
        metrics.messagesIn.increment()
        return true
    }

    /// The handler did not relay the frame after all (not a relay, or not the plain case): its
    /// token goes back, and the frame to the task.
    private func refund() {
        shared.withLock { $0.messages.refund() }
    }

    /// RFC 6455 §5.3: each byte XORed with the key's byte at its index modulo 4, eight at a time.
    static func unmask(_ bytes: inout [UInt8], _ key: WebSocketMaskingKey) {
        let pattern = UInt32(key[0]) | UInt32(key[1]) << 8 | UInt32(key[2]) << 16 | UInt32(key[3]) << 24
        let wide = UInt64(pattern) | UInt64(pattern) << 32
        bytes.withUnsafeMutableBytes { buffer in
            var index = 0
            while index + 8 <= buffer.count {
                let word = buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                buffer.storeBytes(of: word ^ wide, toByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < buffer.count {
                buffer[index] ^= key[index % 4]
                index += 1
            }
        }
    }
}

extension RelayFastPathHandler {
    /// The task's rate limit: a token for each frame it reads.
    func take(now: ContinuousClock.Instant) -> Bool {
        shared.withLock { $0.messages.take(now: now) }
    }

    /// The task handled one frame passed to it (with everything it caused: the hub's replies and
    /// relays are queued).
    func handled() {
        shared.withLock { $0.pending -= 1 }
    }

    /// The task has its seat: the handler may relay from now on.
    func open(_ seat: RelaySeat) {
        shared.withLock { shared in
            if !shared.stopped { shared.seat = seat }
        }
    }

    /// No more fast path: the task stopped reading or the client sent its close frame.
    func stop() {
        shared.withLock { shared in
            shared.stopped = true
            shared.seat = nil
        }
    }
}
