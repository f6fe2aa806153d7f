import NIOCore
import STUN

/// The pipeline's only handler: hands each datagram to the ``DriverCore`` with the socket's own
/// address as the agent's `to`.
final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let core: NIOLoopBoundBox<DriverCore>
    private var local: STUN.SocketAddress?

    init(core: NIOLoopBoundBox<DriverCore>) {
        self.core = core
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        if local == nil, let address = context.channel.localAddress {
            local = STUN.SocketAddress(address)
        }
        guard let local, let remote = STUN.SocketAddress(envelope.remoteAddress) else { return }
        core.value.receive(Array(envelope.data.readableBytesView), from: remote, to: local)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors and the like: count them, keep the socket.
        core.value.socketError()
    }
}
