import NIOCore
import NIOWebSocket

/// Lets no frame follow a close frame out of a WebSocket connection (RFC 6455 §5.5.1: after
/// sending a Close frame an endpoint sends no further data). Close frames come from three
/// writers that do not see each other, the ``OutboxWriter``, the connection's timer and the
/// WebSocket layer on its own (a protocol error, graceful shutdown), so the rule is kept here,
/// next to the frame encoder, where every frame passes. A frame after the close fails its write
/// with `ChannelError.outputClosed`, which stops the writer that sent it. A connection's
/// ``RelayFastPathHandler`` keeps the same rule, so this gate is only added where it is missing.
final class CloseFrameGate: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private var closeSent = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !closeSent else {
            promise?.fail(ChannelError.outputClosed)
            return
        }
        if unwrapOutboundIn(data).opcode == .connectionClose { closeSent = true }
        context.write(data, promise: promise)
    }
}

extension CloseFrameGate {
    /// Puts a gate between the connection's frame encoder and every writer of frames, unless the
    /// connection's `fastPath` is in its pipeline: it keeps the same rule, one handler less.
    static func install(on channel: any Channel, unlessIn fastPath: RelayFastPathHandler) async throws {
        try await channel.eventLoop.submit {
            let pipeline = channel.pipeline.syncOperations
            if (try? pipeline.context(handler: fastPath)) != nil { return }
            // Never put in place (a byte passed its installer first): no fast path either.
            fastPath.stop()
            let encoder = try pipeline.handler(type: WebSocketFrameEncoder.self)
            try pipeline.addHandler(CloseFrameGate(), position: .after(encoder))
        }.get()
    }
}
