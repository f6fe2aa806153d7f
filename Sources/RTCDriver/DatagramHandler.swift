package import NIOCore
package import RTCBase
import STUN

/// What a socket pipeline hands its datagrams to: the owner of a sans-IO core, confined to the
/// socket's event loop.
package protocol DatagramReceiver: AnyObject {
    /// A datagram from `remote`, read on the socket bound to `local`.
    func receive(_ bytes: [UInt8], from remote: TransportAddress, to local: TransportAddress)
    /// The socket reported an error (ICMP and the like); UDP sockets stay usable.
    func socketError()
    /// The end of one read burst (several datagrams may have come in one `recvmmsg`): the place to
    /// flush what they produced once.
    func receiveComplete()
}

extension DatagramReceiver {
    package func receiveComplete() {}
}

/// The pipeline's only handler: hands each datagram to its receiver with the socket's own
/// address as the core's `to`.
package final class DatagramHandler<Receiver: DatagramReceiver>: ChannelInboundHandler {
    package typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let receiver: NIOLoopBoundBox<Receiver>
    private var local: TransportAddress?

    package init(receiver: NIOLoopBoundBox<Receiver>) {
        self.receiver = receiver
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        if local == nil, let address = context.channel.localAddress {
            local = TransportAddress(address)
        }
        guard let local, let remote = TransportAddress(envelope.remoteAddress) else { return }
        receiver.value.receive(Array(envelope.data.readableBytesView), from: remote, to: local)
    }

    package func channelReadComplete(context: ChannelHandlerContext) {
        receiver.value.receiveComplete()
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors (a peer's port closed) must not close a socket other pairs use.
        receiver.value.socketError()
    }
}
