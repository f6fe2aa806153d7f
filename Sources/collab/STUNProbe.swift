import NIOCore
import NIOPosix
import STUN
import RTCBase
import Synchronization

/// Binding requests from one UDP socket to several STUN servers: the same source port towards
/// two destinations tells whether the NAT maps per destination (RFC 4787 §4.1).
enum STUNProbe {
    /// The socket's own address and, per target, the mapped address it answered (nil: none).
    struct Result {
        var local: TransportAddress?
        var mapped: [TransportAddress?]
    }

    /// Sends to every target, retransmitting on RFC 8489 §6.2.1's doubling schedule (500 ms
    /// first) until each answered or `timeout` passed.
    static func run(targets: [TransportAddress], timeout: Duration) async -> Result {
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
            let got = answers.snapshot()
            for (index, target) in targets.enumerated() where got[ids[index]] == nil {
                guard let destination = try? NIOCore.SocketAddress(ipAddress: target.ip.description, port: Int(target.port)) else { continue }
                let request = STUNMessage(type: .bindingRequest, transactionID: ids[index],
                                          attributes: [.software("collab doctor")]).encode(fingerprint: true)
                channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: channel.allocator.buffer(bytes: request)),
                                      promise: nil)
            }
            // Woken by each answer, or when the retransmission is due (bounded by the deadline).
            let resend = min(ContinuousClock.now + wait, deadline)
            while ContinuousClock.now < resend, answers.count < targets.count {
                await answers.wait(beyond: answers.count, until: resend)
            }
            if answers.count >= targets.count { break }
            wait = min(wait * 2, .seconds(2))
        }
        let got = answers.snapshot()
        let local = channel.localAddress.flatMap { address -> TransportAddress? in
            guard let text = address.ipAddress, let ip = IPAddress(text), let port = address.port else { return nil }
            return TransportAddress(ip: ip, port: UInt16(port))
        }
        try? await channel.close()
        return Result(local: local, mapped: ids.map { got[$0] })
    }

    /// The mapped addresses received so far, and the one wait for the next of them.
    final class Answers: Sendable {
        private struct State {
            var got: [TransactionID: TransportAddress] = [:]
            var waiter: CheckedContinuation<Void, Never>?
            /// A timer fired while nobody waited: the next wait returns at once.
            var woken = false
        }
        private let state = Mutex(State())

        var count: Int { state.withLock { $0.got.count } }

        func snapshot() -> [TransactionID: TransportAddress] { state.withLock { $0.got } }

        func record(_ id: TransactionID, _ mapped: TransportAddress) {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.got[id] = mapped
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }

        /// Returns when more than `count` answers are in, or at `deadline`.
        func wait(beyond count: Int, until deadline: ContinuousClock.Instant) async {
            let timer = Task { [weak self] in
                try? await Task.sleep(until: deadline)
                self?.wake()
            }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.got.count > count || state.woken {
                        state.woken = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
            timer.cancel()
        }

        private func wake() {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let waiter = state.waiter else {
                    state.woken = true
                    return nil
                }
                state.waiter = nil
                return waiter
            }
            waiter?.resume()
        }
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
            answers.record(message.transactionID, mapped)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            // ICMP unreachable from one server must not end the probe of the others.
        }
    }
}
