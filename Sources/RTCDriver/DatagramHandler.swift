package import NIOCore
import STUN
package import RTCBase

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
    /// The last sender in both forms: nearly every datagram comes from the peer of the selected
    /// pair, and converting a NIO address goes through its text (a tenth of the bulk path's CPU).
    private var lastRemote: (nio: NIOCore.SocketAddress, address: TransportAddress)?

    package init(receiver: NIOLoopBoundBox<Receiver>) {
        self.receiver = receiver
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        if local == nil, let address = context.channel.localAddress {
            local = TransportAddress(address)
        }
        guard let local, let remote = remoteAddress(envelope.remoteAddress) else { return }
        receiver.value.receive(Array(envelope.data.readableBytesView), from: remote, to: local)
    }

    private func remoteAddress(_ nio: NIOCore.SocketAddress) -> TransportAddress? {
        if let lastRemote, lastRemote.nio == nio { return lastRemote.address }
        guard let address = TransportAddress(nio) else { return nil }
        lastRemote = (nio, address)
        return address
    }

    package func channelReadComplete(context: ChannelHandlerContext) {
        receiver.value.receiveComplete()
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors (a peer's port closed) must not close a socket other pairs use.
        receiver.value.socketError()
    }
}
