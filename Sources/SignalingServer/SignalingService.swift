import Prometheus
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
public import Logging
import NIOCore
import RTCBase
import RTCDriver
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
    private let onMetricsListening: @Sendable (Int) async -> Void

    /// Creates a server; `onListening` receives the bound port (useful with port 0), and
    /// `onMetricsListening` the port of the separate metrics listener when there is one.
    public init(
        configuration: SignalingServerConfiguration, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in },
        onMetricsListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.onListening = onListening
        self.onMetricsListening = onMetricsListening
    }

    public func run() async throws {
        let metrics = SignalingMetrics()
        let stunPort = STUNPortBox()
        let hub = SignalingHub(configuration: configuration, metrics: metrics, logger: logger, stunPort: stunPort)
        let link = configuration.cluster.map {
            ClusterLink(settings: $0, metrics: ClusterMetrics(registry: metrics.registry), logger: self.logger)
        }
        if let link { await hub.attachCluster(link) }
        let stunServer = STUNServerSlot()
        let router = Router()
        router.get("/healthz") { _, _ in "ok\n" }
        StaticFiles.load(logger: logger).register(on: router)
        if configuration.metricsPort == nil { Self.registerMetrics(metrics, on: router) }
        if let token = configuration.adminToken { AdminAPI(hub: hub, token: token).register(on: router) }
        let configuration = self.configuration
        let logger = self.logger
        let hardLimit = configuration.maxMessageBytes * 4
        let wsConfiguration = WebSocketServerConfiguration(
            // Pings are sent by each connection's timer on its event loop (ServerConnection.watch):
            // the WebSocket layer's own would be one more task per connection.
            maxFrameSize: hardLimit, autoPing: .disabled,
            closeTimeout: configuration.closeTimeout, validateUTF8: true)
        let limiter = AddressLimiter(
            cap: configuration.maxConnectionsPerAddress, totalCap: configuration.maxConnections,
            limitLoopback: configuration.limitLoopback)
        let headerTimeout = configuration.headerTimeout
        let http1 = HTTP1Channel.Configuration(idleTimeout: TimeAmount(headerTimeout))
        let verifier: AccessVerifier? = if let key = configuration.accessKey { await AccessVerifier(key: key) } else { nil }
        let decide = Self.upgrade(hub: hub, configuration: configuration, logger: logger, hardLimit: hardLimit)
        let server = HTTPServerBuilder { responder in
            GuardedChildChannel(
                inner: Self.upgradeChannel(
                    responder: responder, configuration: .init(http1: http1, ws: wsConfiguration), decide: decide,
                    verifier: verifier, server: configuration, metrics: metrics, logger: logger),
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
        let metricsApp = configuration.metricsPort.map { port in
            let router = Router()
            Self.registerMetrics(metrics, on: router)
            // Loopback only: the figures are for the machine's own scraper, not the internet.
            return Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                onServerRunning: { [onMetricsListening] channel in
                    await onMetricsListening(channel.localAddress?.port ?? port)
                },
                logger: logger)
        }
        do {
            try await withGracefulShutdownHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if let link {
                        // The database first: an instance that cannot reach it must not take clients.
                        let (ready, signal) = AsyncStream.makeStream(of: Void.self)
                        group.addTask { [logger] in
                            defer { signal.finish() }
                            // Bounded: a PostgreSQL wait that ignores cancellation must not keep
                            // the process alive after SIGTERM.
                            try await withCancellationGrace(.seconds(5), "the cluster link to stop", abandoned: {
                                logger.warning("the cluster link did not stop within 5 s of shutdown; exiting without it")
                            }) {
                                try await link.run(hub: hub) { _ = signal.yield(()) }
                            }
                        }
                        var started = false
                        for await _ in ready {
                            started = true
                            break
                        }
                        if !started {
                            try await group.next()
                            throw ClusterStartError("the cluster link ended before it started")
                        }
                    }
                    if let metricsApp { group.addTask { try await metricsApp.run() } }
                    if MemoryTrimmer.isAvailable, configuration.memoryTrim != .off {
                        let mode = configuration.memoryTrim
                        group.addTask { await MemoryTrimmer(interval: .seconds(5), mode: mode, logger: logger).run() }
                    }
                    group.addTask { try await app.run() }
                    // Either listener ending (shutdown or failure) ends the server.
                    try await group.next()
                    if let link {
                        await link.retire()
                        link.finish()
                    }
                    group.cancelAll()
                }
            } onGracefulShutdown: {
                Task { await hub.shutdown() }
            }
        } catch {
            await stunServer.stop()
            throw error
        }
        await stunServer.stop()
    }

    typealias UpgradeResult = ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>

    /// The upgrade channel: decided on the event loop when the server is open; with access
    /// tokens, after an asynchronous check of the token (jwt-kit's key collection is an actor).
    private static func upgradeChannel(
        responder: @escaping HTTPChannelHandler.Responder, configuration: HTTP1WebSocketUpgradeChannel.Configuration,
        decide: @escaping @Sendable (HTTPRequest, any Channel, AccessGrant?) throws -> UpgradeResult,
        verifier: AccessVerifier?, server: SignalingServerConfiguration, metrics: SignalingMetrics, logger: Logger
    ) -> HTTP1WebSocketUpgradeChannel {
        guard let verifier else {
            return HTTP1WebSocketUpgradeChannel(responder: responder, configuration: configuration) { request, channel, _ in
                try decide(request, channel, nil)
            }
        }
        return HTTP1WebSocketUpgradeChannel(responder: responder, configuration: configuration) { request, channel, _ in
            let (path, query) = Self.split(request.path ?? "")
            guard path == "/ws" || path == "/" else { return .dontUpgrade }
            let token = AccessVerifier.token(authorization: request.headerFields[.authorization], query: query)
            let resuming = AccessVerifier.queryValue("resume", in: query) == "1"
            switch await verifier.grant(token: token, resuming: resuming, now: server.wallClock(), maxNameBytes: server.maxNameBytes) {
            case .success(let grant):
                return try await channel.eventLoop.submit { try decide(request, channel, grant) }.get()
            case .failure(let refusal):
                metrics.refusedToken(refusal)
                logger.info("refusing an upgrade: access token \(refusal.rawValue)")
                try await channel.eventLoop.submit {
                    try Self.refuse(
                        channel, status: "401 Unauthorized",
                        headers: ["WWW-Authenticate: Bearer realm=\"collab\", error=\"invalid_token\""])
                }.get()
                return .dontUpgrade
            }
        }
    }

    /// Decides each upgrade request, on the channel's event loop: WebSocket at `/ws` and `/`,
    /// everything else stays HTTP. A refused origin is answered here with 403. `grant` is what the
    /// request's access token allows, when the server needs one.
    private static func upgrade(
        hub: SignalingHub, configuration: SignalingServerConfiguration, logger: Logger, hardLimit: Int
    ) -> @Sendable (HTTPRequest, any Channel, AccessGrant?) throws -> UpgradeResult {
        let limits = ConnectionLimits(configuration, hardLimit: hardLimit)
        return { request, channel, grant in
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
                try Self.refuse(channel, status: "403 Forbidden", headers: [])
                return .dontUpgrade
            }
            let peer = channel.remoteAddress?.ipAddress ?? "unknown"
            let address = ClientAddressKey.key(configuration.trustedProxies.clientAddress(
                peer: peer, forwardedFor: Self.joined(request.headerFields[values: Self.forwardedFor]),
                forwarded: Self.joined(request.headerFields[values: Self.forwarded])))
            let versionError = Self.versionError(query: query)
            let requestHost = request.authority.flatMap(STUNPortBox.host(ofAuthority:))
            // Relays are taken off the frames on the event loop; the installer puts the handler
            // after the frame decoder the upgrade adds.
            let fastPath = RelayFastPathHandler(
                hub: hub, maxMessageBytes: limits.maxMessageBytes, messagesPerSecond: limits.messagesPerSecond,
                burst: limits.messageBurst, now: .now)
            try channel.pipeline.syncOperations.addHandler(RelayFastPathInstaller(fastPath))
            let connection = ServerConnection(
                hub: hub, limits: limits, logger: logger, channel: channel, address: address, requestHost: requestHost,
                grant: grant, versionError: versionError, fastPath: fastPath)
            let loop = EventLoopTaskExecutor(channel.eventLoop)
            return .upgrade([:]) { inbound, outbound, _ in
                try await withTaskExecutorPreference(loop) {
                    try await connection.run(inbound: inbound, outbound: outbound)
                }
            }
        }
    }

    /// `GET /metrics`: the Prometheus text exposition.
    private static func registerMetrics(_ metrics: SignalingMetrics, on router: Router<BasicRequestContext>) {
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
    }

    /// Answers a refused upgrade with `status` through the connection's guard handler (on its
    /// event loop).
    private static func refuse(_ channel: any Channel, status: String, headers: [String]) throws {
        let response = (["HTTP/1.1 \(status)", "Connection: close", "Content-Length: 0"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n"
        try channel.pipeline.syncOperations.handler(type: ConnectionGuardHandler.self).refuse(response)
    }

    private static func joined(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: ",")
    }

    /// `X-Forwarded-For` (not among HTTPTypes' predefined names).
    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    /// RFC 7239 `Forwarded`.
    private static let forwarded = HTTPField.Name("Forwarded")!

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
