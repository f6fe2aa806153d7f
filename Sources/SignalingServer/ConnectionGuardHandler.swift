import NIOCore

/// First in every connection's pipeline (after TLS, when served): closes a connection whose first
/// HTTP request head is not complete within the header deadline (a half-written upgrade or a silent
/// TCP connection would otherwise be held for ever), and one whose WebSocket client sends an
/// unmasked frame (with 1002). It reads the raw bytes through ``ClientByteScanner`` and passes them
/// on unchanged. It also answers a refused upgrade with a status of the server's choosing
/// (``refuse(_:)``): Hummingbird would only ever say 400.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
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
    private var context: ChannelHandlerContext?
    /// The refusal's write, once ``refuse(_:)`` was called: later writes are dropped and a close
    /// waits for it, so the client reads our status rather than Hummingbird's.
    private var refusal: EventLoopFuture<Void>?

    /// Pong frames the client has sent so far (for the server's keepalive).
    var pongsReceived: Int { scanner.pongs }

    init(deadline: TimeAmount, report: @escaping @Sendable (Event) -> Void) {
        self.deadline = deadline
        self.report = report
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let report = self.report
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: deadline) {
            report(.headerTimeout)
            bound.value.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        self.context = nil
    }

    /// Answers the request with `response` (a whole HTTP/1.1 response, `Connection: close`) and
    /// closes once it is written; whatever the layers above write afterwards is dropped.
    func refuse(_ response: String) {
        guard let context, refusal == nil, !closed else { return }
        closed = true
        let written = context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response)))
        refusal = written
        written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard refusal == nil else {
            promise?.succeed()
            return
        }
        context.write(data, promise: promise)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard let refusal else {
            context.close(mode: mode, promise: promise)
            return
        }
        refusal.assumeIsolated().whenComplete { _ in context.close(mode: mode, promise: promise) }
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
