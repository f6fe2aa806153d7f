import NIOCore
import NIOPosix
import STUN
import Synchronization

/// Binding requests from one UDP socket to several STUN servers: the same source port towards
/// two destinations tells whether the NAT maps per destination (RFC 4787 §4.1).
enum STUNProbe {
    /// The socket's own address and, per target, the mapped address it answered (nil: none).
    struct Result {
        var local: STUN.SocketAddress?
        var mapped: [STUN.SocketAddress?]
    }

    /// Sends to every target, retransmitting on RFC 8489 §6.2.1's doubling schedule (500 ms
    /// first) until each answered or `timeout` passed.
    static func run(targets: [STUN.SocketAddress], timeout: Duration) async -> Result {
        let answers = Answers()
        let ipv4 = targets.first?.ip.isIPv4 ?? true
        guard let channel = try? await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer({ channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Reader(answers: answers))
                }
            })
            .bind(host: ipv4 ? "0.0.0.0" : "::", port: 0).get() else {
            return Result(local: nil, mapped: targets.map { _ in nil })
        }
        var random = SystemRandomNumberGenerator()
        let ids = targets.map { _ in TransactionID.random(using: &random) }
        let deadline = ContinuousClock.now + timeout
        var wait = Duration.milliseconds(500)
        while ContinuousClock.now < deadline {
            let got = answers.value.withLock { $0 }
            for (index, target) in targets.enumerated() where got[ids[index]] == nil {
                guard let destination = try? NIOCore.SocketAddress(ipAddress: target.ip.description, port: Int(target.port)) else { continue }
                let request = STUNMessage(type: .bindingRequest, transactionID: ids[index],
                                          attributes: [.software("collab doctor")]).encode(fingerprint: true)
                channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: channel.allocator.buffer(bytes: request)),
                                      promise: nil)
            }
            // Poll for answers in small steps until the retransmission is due (bounded by the deadline).
            let resend = min(ContinuousClock.now + wait, deadline)
            while ContinuousClock.now < resend, answers.value.withLock({ $0.count }) < targets.count {
                try? await Task.sleep(for: .milliseconds(10))
            }
            if answers.value.withLock({ $0.count }) >= targets.count { break }
            wait = min(wait * 2, .seconds(2))
        }
        let got = answers.value.withLock { $0 }
        let local = channel.localAddress.flatMap { address -> STUN.SocketAddress? in
            guard let text = address.ipAddress, let ip = IPAddress(text), let port = address.port else { return nil }
            return STUN.SocketAddress(ip: ip, port: UInt16(port))
        }
        try? await channel.close()
        return Result(local: local, mapped: ids.map { got[$0] })
    }

    final class Answers: Sendable {
        let value = Mutex<[TransactionID: STUN.SocketAddress]>([:])
    }

    final class Reader: ChannelInboundHandler {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let answers: Answers

        init(answers: Answers) {
            self.answers = answers
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let bytes = Array(unwrapInboundIn(data).data.readableBytesView)
            guard let message = try? STUNMessage.decode(bytes), message.type == .bindingSuccess,
                  let mapped = message.mappedAddress else { return }
            answers.value.withLock { $0[message.transactionID] = mapped }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            // ICMP unreachable from one server must not end the probe of the others.
        }
    }
}
