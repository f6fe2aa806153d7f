public import NIOCore
import NIOPosix
import STUN
import RTCBase
import Synchronization

/// A STUN server on one UDP socket: answers Binding requests with the sender's address
/// (``STUN/STUNBindingResponder``), so peers learn their server-reflexive candidates.
///
/// `collab serve` runs one on the port number of its HTTP listener; it keeps no state per client,
/// so a flood costs one small response per request and no memory.
public final class STUNServer: Sendable {
    /// What the server has done since it started.
    public struct Counters: Hashable, Sendable {
        /// Binding requests answered.
        public var answered = 0
        /// Datagrams that got no answer (not STUN, or not a Binding request).
        public var ignored = 0
    }

    /// The bound address (the port is the real one when 0 was asked for).
    public let localAddress: NIOCore.SocketAddress
    private let channel: any Channel
    private let state: Counting

    /// The socket has no local address after binding (not expected of a UDP socket).
    public struct NoLocalAddress: Error {}

    /// Binds `host:port` (UDP) and starts answering, on `group` (by default NIO's shared one).
    public init(host: String, port: Int, software: String? = "collab",
                group: (any EventLoopGroup)? = nil) async throws {
        let counting = Counting()
        let bootstrap = DatagramBootstrap(group: group ?? MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Responder(software: software, counting: counting))
                }
            }
        channel = try await bootstrap.bind(host: host, port: port).get()
        guard let address = channel.localAddress else {
            try? await channel.close()
            throw NoLocalAddress()
        }
        localAddress = address
        state = counting
    }

    /// The counters now.
    public var counters: Counters { state.value.withLock { $0 } }

    /// Stops answering and closes the socket.
    public func close() async {
        try? await channel.close()
    }

    final class Counting: Sendable {
        let value = Mutex(Counters())
    }

    final class Responder: ChannelInboundHandler {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        typealias OutboundOut = AddressedEnvelope<ByteBuffer>

        let software: String?
        let counting: Counting

        init(software: String?, counting: Counting) {
            self.software = software
            self.counting = counting
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = unwrapInboundIn(data)
            guard let source = TransportAddress(envelope.remoteAddress) else { return }
            switch STUNBindingResponder.respond(to: Array(envelope.data.readableBytesView), from: source,
                                                software: software) {
            case .success(let response):
                counting.value.withLock { $0.answered += 1 }
                let buffer = context.channel.allocator.buffer(bytes: response)
                context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: buffer)),
                                      promise: nil)
            case .failure:
                counting.value.withLock { $0.ignored += 1 }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            // ICMP port-unreachable from a client that went away must not close the socket.
        }
    }
}
