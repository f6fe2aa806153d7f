import Prometheus
import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// Wraps the HTTP/WebSocket child channel with what must hold before any HTTP is parsed: the
/// per-address and instance-wide connection caps, the deadline for the first request head, the mask on client frames,
/// and TLS when the server has a certificate.
struct GuardedChildChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    /// A connection refused by the per-address or the instance-wide cap.
    struct Refused: Error {}

    let inner: Inner
    let limiter: AddressLimiter
    /// Proxies carry many clients on their connections: they are exempt from the per-address cap.
    let trustedProxies: TrustedProxies
    let headerTimeout: TimeAmount
    let metrics: SignalingMetrics
    /// Set when serving https/wss; its handler goes first so the guard sees the decrypted bytes.
    let tls: NIOSSLContext?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let address = channel.remoteAddress?.ipAddress ?? "unknown"
        let proxy = trustedProxies.trusts(address)
        let place: AddressLimiter.Place
        switch limiter.admit(ClientAddressKey.key(address), exempt: proxy) {
        case .success(let admitted):
            place = admitted
        case .failure(let refusal):
            switch refusal {
            case .perAddress(let first):
                metrics.refusedConnections.increment()
                if first {
                    logger.notice("refusing connections from an address over the per-address cap (counted in collab_signaling_refused_connections_total)", metadata: ["address": "\(address)"])
                }
            case .instance(let first):
                metrics.refusedFull.increment()
                if first {
                    logger.warning("refusing connections: the server holds its --max-connections (counted in collab_signaling_refused_connections_full_total)")
                }
            }
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(Refused())
        }
        let limiter = self.limiter
        channel.closeFuture.whenComplete { _ in limiter.release(place) }
        let metrics = self.metrics
        let handler = ConnectionGuardHandler(deadline: headerTimeout) { event in
            switch event {
            case .headerTimeout: metrics.headerTimeouts.increment()
            case .unmaskedFrame: metrics.unmaskedFrames.increment()
            }
        }
        do {
            // Signaling reads are a few hundred bytes: NIO keeps up to four read buffers per
            // channel for reuse, so starting them at 512 bytes instead of 2 KiB is memory every
            // idle connection keeps (the allocator still grows them under load).
            try channel.syncOptions?.setOption(.recvAllocator, value: Self.readBuffers)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            if let tls {
                try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
            }
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    private static var readBuffers: AdaptiveRecvByteBufferAllocator {
        AdaptiveRecvByteBufferAllocator(minimum: 256, initial: 512, maximum: 65536)
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
