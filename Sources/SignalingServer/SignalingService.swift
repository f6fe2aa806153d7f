import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
public import Logging
import NIOCore
public import ServiceLifecycle
import SignalingProtocol

/// The signaling server: WebSocket protocol v1 at `/ws`, `GET /healthz`, `GET /metrics`.
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
            closeTimeout: .seconds(5))
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(configuration: .init(ws: wsConfiguration)) { request, channel, _ in
                let (path, query) = Self.split(request.path ?? "")
                guard path == "/ws" else { return .dontUpgrade }
                let address = channel.remoteAddress?.ipAddress ?? "unknown"
                let requestHost = request.authority.flatMap(STUNPortBox.host(ofAuthority:))
                let versionError = Self.versionError(query: query)
                return .upgrade([:]) { inbound, outbound, _ in
                    let connection = ServerConnection(
                        hub: hub, configuration: configuration, logger: logger, hardLimit: hardLimit)
                    try await connection.run(address: address, requestHost: requestHost, versionError: versionError,
                                             inbound: inbound, outbound: outbound)
                }
            },
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
