import CoreMetrics
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
public import Logging
import NIOCore
public import ServiceLifecycle
import SignalingProtocol

/// The signaling server: WebSocket protocol v1 at `/ws` (and `/`), `GET /healthz`, `GET /metrics`.
///
/// A `Service`: run it in a `ServiceGroup`; on graceful shutdown every client gets a close frame
/// (1001 going away; rarely 1000, because swift-websocket closes every socket from its own
/// graceful-shutdown task, which races ours) and `run()` returns. Making 1001 certain by running
/// the app detached from the shutdown signal made a resume test flaky under load; not worth it.
public struct SignalingService: Service {
    /// The configuration it runs with.
    public let configuration: SignalingServerConfiguration
    private let logger: Logger
    private let onListening: @Sendable (Int) async -> Void

    /// Creates a server; `onListening` receives the bound port (useful with port 0).
    public init(
        configuration: SignalingServerConfiguration, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let metrics = SignalingMetrics()
        let stunPort = STUNPortBox()
        let hub = SignalingHub(configuration: configuration, metrics: metrics, logger: logger, stunPort: stunPort)
        let stunServer = STUNServerSlot()
        let router = Router()
        router.get("/healthz") { _, _ in "ok\n" }
        StaticFiles.load(logger: logger).register(on: router)
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        let configuration = self.configuration
        let logger = self.logger
        let hardLimit = configuration.maxMessageBytes * 4
        let wsConfiguration = WebSocketServerConfiguration(
            maxFrameSize: hardLimit, autoPing: .enabled(timePeriod: configuration.pingInterval),
            closeTimeout: configuration.closeTimeout, validateUTF8: true)
        let limiter = AddressLimiter(
            cap: configuration.maxConnectionsPerAddress, limitLoopback: configuration.limitLoopback)
        let headerTimeout = configuration.headerTimeout
        let http1 = HTTP1Channel.Configuration(idleTimeout: TimeAmount(headerTimeout))
        let shouldUpgrade = Self.upgrade(hub: hub, configuration: configuration, logger: logger, hardLimit: hardLimit)
        let server = HTTPServerBuilder { responder in
            GuardedChildChannel(
                inner: HTTP1WebSocketUpgradeChannel(
                    responder: responder, configuration: .init(http1: http1, ws: wsConfiguration), shouldUpgrade: shouldUpgrade),
                limiter: limiter, trustedProxies: configuration.trustedProxies, headerTimeout: TimeAmount(headerTimeout),
                metrics: metrics, tls: configuration.tls?.context)
        }
        let app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), backlog: 4096),
            onServerRunning: { [onListening] channel in
                let port = channel.localAddress?.port ?? configuration.port
                await stunServer.start(configuration.stunListener, host: configuration.host, httpPort: port,
                                       into: stunPort, logger: logger)
                await onListening(port)
            },
            logger: logger
        )
        do {
            try await withGracefulShutdownHandler {
                try await app.run()
            } onGracefulShutdown: {
                Task { await hub.shutdown() }
            }
        } catch {
            await stunServer.stop()
            throw error
        }
        await stunServer.stop()
    }

    /// Decides each upgrade request: WebSocket at `/ws` and `/`, everything else stays HTTP.
    private static func upgrade(
        hub: SignalingHub, configuration: SignalingServerConfiguration, logger: Logger, hardLimit: Int
    ) -> @Sendable (HTTPRequest, any Channel, Logger) throws -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        { request, channel, _ in
            let (path, query) = Self.split(request.path ?? "")
            // `/` too, for clients written from the integration guide (they use no path); only
            // an `Upgrade: websocket` request gets here, so a plain GET of `/` stays a page.
            guard path == "/ws" || path == "/" else { return .dontUpgrade }
            // A browser always sends Origin: refusing unknown ones stops other sites' pages from
            // using a visitor's browser as a client of this server.
            if !configuration.allowedOrigins.isEmpty, let origin = request.headerFields[.origin],
                !configuration.allowedOrigins.contains(where: { $0.lowercased() == origin.lowercased() })
            {
                hub.metrics.refusedOrigins.increment()
                return .dontUpgrade
            }
            let peer = channel.remoteAddress?.ipAddress ?? "unknown"
            let forwarded = request.headerFields[values: Self.forwardedFor]
            let address = configuration.trustedProxies.clientAddress(
                peer: peer, forwardedFor: forwarded.isEmpty ? nil : forwarded.joined(separator: ","))
            let versionError = Self.versionError(query: query)
            let requestHost = request.authority.flatMap(STUNPortBox.host(ofAuthority:))
            return .upgrade([:]) { inbound, outbound, _ in
                let connection = ServerConnection(
                    hub: hub, configuration: configuration, logger: logger, hardLimit: hardLimit)
                try await connection.run(
                    address: address, requestHost: requestHost, versionError: versionError,
                    closeSocket: { channel.close(promise: nil) }, inbound: inbound, outbound: outbound)
            }
        }
    }

    /// `X-Forwarded-For` (not among HTTPTypes' predefined names).
    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    private static func split(_ target: String) -> (path: String, query: String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// `?v=N` on the URL: absent means 1; anything else is refused after the upgrade, with an
    /// `error` the client can read (an HTTP refusal would reach it as an opaque failure).
    private static func versionError(query: String) -> SignalingError? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.first == "v" else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            if value != "1" {
                return SignalingError(.unsupportedVersion, "this server speaks protocol version 1, not \(value)")
            }
        }
        return nil
    }
}
