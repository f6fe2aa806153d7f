import NIOCore

/// First in every connection's pipeline (after TLS, when served): closes a connection whose first
/// HTTP request head is not complete within the header deadline (a half-written upgrade or a silent
/// TCP connection would otherwise be held for ever), and one whose WebSocket client sends an
/// unmasked frame (with 1002). It reads the raw bytes through ``ClientByteScanner`` and passes them
/// on unchanged.
final class ConnectionGuardHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What it reports to the server's metrics.
    enum Event: Sendable {
        case headerTimeout
        case unmaskedFrame
    }

    private let deadline: TimeAmount
    private let report: @Sendable (Event) -> Void
    private var scanner = ClientByteScanner()
    private var timer: Scheduled<Void>?
    private var closed = false

    init(deadline: TimeAmount, report: @escaping @Sendable (Event) -> Void) {
        self.deadline = deadline
        self.report = report
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let report = self.report
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: deadline) {
            report(.headerTimeout)
            bound.value.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closed else { return }
        switch scanner.feed(unwrapInboundIn(data).readableBytesView) {
        case .pass:
            break
        case .headComplete:
            timer?.cancel()
        case .unmaskedFrame:
            closed = true
            report(.unmaskedFrame)
            // A close frame with status 1002 (protocol error), written straight to the socket.
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: [0x88, 0x02, 0x03, 0xEA])), promise: nil)
            context.close(promise: nil)
            return
        }
        context.fireChannelRead(data)
    }
}
