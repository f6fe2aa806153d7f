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
    /// The socket bound to `local` could not turn UDP GRO on; it keeps receiving datagram by
    /// datagram. Not a socket error: nothing was lost.
    func receiveOffloadFailed(on local: TransportAddress?, error: any Error)
}

extension DatagramReceiver {
    package func receiveComplete() {}
    package func receiveOffloadFailed(on local: TransportAddress?, error: any Error) {}
}

/// The pipeline's only handler: hands each datagram to its receiver with the socket's own
/// address as the core's `to`.
///
/// A socket starts interactive, one `recvmmsg` per readable event
/// (``ReceiveLayout/interactiveReadsPerEvent``). Once a read burst shows it carries bulk traffic it
/// reads up to ``ReceiveLayout/bulkReadsPerEvent`` per event and, with `receiveOffload`, turns on
/// UDP GRO (see ``ReceiveLayout``): runs of equal-size datagrams then arrive as one buffer, split
/// here again.
package final class DatagramHandler<Receiver: DatagramReceiver>: ChannelInboundHandler {
    package typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let receiver: NIOLoopBoundBox<Receiver>
    /// Whether this socket has shown bulk traffic (it never goes back).
    package private(set) var carriesBulk = false
    /// Whether this socket may still switch to GRO; `false` once it has, or without `receiveOffload`.
    private var mayCoalesce: Bool
    /// Reads (`recvmmsg` messages) since the last read burst ended.
    private var burstReads = 0
    /// Reads in one burst that mark the socket as carrying bulk traffic (see ``ReceiveLayout``).
    private let bulkBurst: Int
    /// Whether GRO is on for this socket: each read may carry a run of datagrams.
    package private(set) var coalesces = false
    /// Reads that carried a run of several datagrams.
    package private(set) var runsReceived = 0
    private var local: TransportAddress?
    /// The last sender in both forms: nearly every datagram comes from the peer of the selected
    /// pair, and converting a NIO address goes through its text (a tenth of the bulk path's CPU).
    private var lastRemote: (nio: NIOCore.SocketAddress, address: TransportAddress)?

    package init(receiver: NIOLoopBoundBox<Receiver>, receiveOffload: Bool = false,
                 bulkBurst: Int = ReceiveLayout.bulkBurst) {
        self.receiver = receiver
        self.mayCoalesce = receiveOffload && System.supportsUDPReceiveOffload
        self.bulkBurst = bulkBurst
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        if local == nil, let address = context.channel.localAddress {
            local = TransportAddress(address)
        }
        burstReads += 1
        guard let local, let remote = remoteAddress(envelope.remoteAddress) else { return }
        // UDP GRO hands a run over with its segment size in a `UDP_GRO` control message; every
        // segment but the last has that size (Linux `udp_gro_receive_segment`), each is a datagram.
        guard let segmentSize = envelope.metadata?.segmentSize, segmentSize > 0,
              envelope.data.readableBytes > segmentSize else {
            receiver.value.receive(Array(envelope.data.readableBytesView), from: remote, to: local)
            return
        }
        runsReceived += 1
        var run = envelope.data
        while run.readableBytes > 0, let datagram = run.readSlice(length: min(segmentSize, run.readableBytes)) {
            receiver.value.receive(Array(datagram.readableBytesView), from: remote, to: local)
        }
    }

    private func remoteAddress(_ nio: NIOCore.SocketAddress) -> TransportAddress? {
        if let lastRemote, lastRemote.nio == nio { return lastRemote.address }
        guard let address = TransportAddress(nio) else { return nil }
        lastRemote = (nio, address)
        return address
    }

    package func channelReadComplete(context: ChannelHandlerContext) {
        if !carriesBulk, burstReads >= bulkBurst { startBulk(context.channel) }
        burstReads = 0
        receiver.value.receiveComplete()
    }

    /// The socket carries bulk traffic: several `recvmmsg` per readable event, so a queue of
    /// datagrams is read (and flushed) in one go, and GRO where allowed.
    private func startBulk(_ channel: any Channel) {
        carriesBulk = true
        // Best effort: a socket that keeps reading one batch per event still works, it only wakes more.
        try? channel.syncOptions?.setOption(.maxMessagesPerRead, value: UInt(ReceiveLayout.bulkReadsPerEvent))
        if mayCoalesce { startCoalescing(channel) }
    }

    /// Turns GRO on once: slots large enough for a whole run first, so that no run the kernel
    /// keeps whole is ever read into a smaller slot (it would be cut, `MSG_TRUNC`).
    private func startCoalescing(_ channel: any Channel) {
        mayCoalesce = false
        guard let options = channel.syncOptions else { return }
        let layout = ReceiveLayout.coalescing
        do {
            try options.setOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: layout.bytes))
            try options.setOption(.datagramVectorReadMessageCount, value: layout.slots)
            try options.setOption(.datagramReceiveSegmentSize, value: true)
            try options.setOption(.datagramReceiveOffload, value: true)
            coalesces = true
        } catch {
            // GRO stays off; the larger slots are harmless and this socket does not try again.
            receiver.value.receiveOffloadFailed(on: local, error: error)
        }
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors (a peer's port closed) must not close a socket other pairs use.
        receiver.value.socketError()
    }
}
