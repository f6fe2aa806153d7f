import NIOCore
import NIOWebSocket
import Prometheus
import SignalingProtocol

/// Relays a client's offers, answers and candidates on its event loop, as the frames are read:
/// a whole, unfragmented data frame that the byte scanner reads as a relay goes straight to its
/// target's outbox (``RelaySeat``), without the hand-over to the connection's task (NIO's async
/// channel, the WebSocket layer's stream, a task wake-up per frame). Everything else, and every
/// frame while the task still has one to handle (``InboundGate``), goes on to the task as before,
/// which judges it (errors, rate limit replies, joins, the hub).
final class RelayFastPathHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame

    private let gate: InboundGate
    private let hub: SignalingHub
    private let metrics: SignalingMetrics
    private let maxMessageBytes: Int
    /// Inside a fragmented message: its frames are the task's (the assembler's).
    private var fragmented = false

    init(gate: InboundGate, hub: SignalingHub, maxMessageBytes: Int) {
        self.gate = gate
        self.hub = hub
        self.metrics = hub.metrics
        self.maxMessageBytes = maxMessageBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            let whole = frame.fin && !fragmented
            if !frame.fin { fragmented = true }
            if whole, relay(frame) { return }
            gate.passed()
        case .continuation:
            if frame.fin { fragmented = false }
            gate.passed()
        case .connectionClose:
            gate.stop()
        default:
            break
        }
        context.fireChannelRead(data)
    }

    /// True when the frame was a relay this handler took care of.
    private func relay(_ frame: WebSocketFrame) -> Bool {
        // Extensions (none are offered), reserved bits and oversized messages are the task's to refuse.
        guard frame.reservedBits.isEmpty, frame.extensionData == nil, frame.data.readableBytes <= maxMessageBytes else {
            return false
        }
        let now = ContinuousClock.now
        guard let seat = gate.fastPath(now: now) else { return false }
        var bytes = Array(frame.data.readableBytesView)
        if let key = frame.maskKey { Self.unmask(&bytes, key) }
        // A message the scanner accepts is valid UTF-8 (it checks every string and takes nothing
        // but ASCII outside them), so the assembler's check has nothing to add.
        guard let message = bytes.withUnsafeBytes({ ClientMessage.scannedRelay(utf8: $0) }) else {
            gate.refund()
            return false
        }
        switch seat.relay(message, received: now) {
        case .delivered:
            metrics.relayed.increment()
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
            gate.refund()
            return false
        }
        metrics.messagesIn.increment()
        return true
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
