import NIOCore
import RTCDriver
import STUN

/// The socket pipeline's only handler: hands each datagram to the ``PeerDriver`` with the
/// socket's own address as the ICE agent's `to`; batches flushes until the read burst ends.
final class PeerDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let driver: NIOLoopBoundBox<PeerDriver>
    private var local: STUN.SocketAddress?

    init(driver: NIOLoopBoundBox<PeerDriver>) {
        self.driver = driver
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        if local == nil, let address = context.channel.localAddress {
            local = STUN.SocketAddress(address)
        }
        guard let local, let remote = STUN.SocketAddress(envelope.remoteAddress) else { return }
        driver.value.receive(Array(envelope.data.readableBytesView), from: remote, to: local)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors (a peer's port closed) must not close a UDP socket that other pairs use.
    }
}
