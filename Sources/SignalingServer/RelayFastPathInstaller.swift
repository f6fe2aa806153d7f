import NIOCore
import NIOWebSocket

/// Puts a connection's ``RelayFastPathHandler`` right after the WebSocket frame decoder once the
/// upgrade has added the decoder, and before the first frame is decoded; then leaves the pipeline.
///
/// It is added when the upgrade is decided (the decoder does not exist yet) and sees the upgrade
/// handler's `upgradeComplete` event, which comes before the bytes that followed the request are
/// replayed. Should any byte pass it first, it leaves without installing anything: the handler
/// must see every data frame, or it could relay one ahead of a frame the task still holds (the
/// connection then keeps the close-frame rule with a ``CloseFrameGate``).
final class RelayFastPathInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let handler: RelayFastPathHandler

    init(_ handler: RelayFastPathHandler) {
        self.handler = handler
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        let pipeline = context.pipeline.syncOperations
        guard let decoder = try? pipeline.handler(type: ByteToMessageHandler<WebSocketFrameDecoder>.self) else {
            return context.fireUserInboundEventTriggered(event)
        }
        // Should the add fail, every frame goes to the task, as before the fast path.
        try? pipeline.addHandler(handler, position: .after(decoder))
        context.fireUserInboundEventTriggered(event)
        pipeline.removeHandler(context: context, promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
