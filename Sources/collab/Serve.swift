import Foundation
import ArgumentParser
import Logging
import ServiceLifecycle
import UnixSignals
import SignalingServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the signaling server (WebSocket protocol v1 at /ws and /, GET /healthz, GET /metrics), a STUN responder, and the browser app at /.",
        discussion: """
            Answers STUN Binding requests on UDP, by default on the HTTP port number, and hands clients \
            its stun: URL (host: --public-host, else the host each client connected to). \
            With --tls-cert and --tls-key it serves https and wss on the same port (prints listening wss://...). \
            Stops gracefully on SIGINT or SIGTERM: clients get a close frame (1001), those still connected \
            after --shutdown-grace are cut, exit status 0.
            """
    )

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind (0 picks a free one; the chosen port is printed). Default: $PORT, else 8080.") var port: Int?
    @Option(help: "Most participants per room.") var maxRoomSize = 8
    @Option(help: "Largest message in bytes.") var maxMessageBytes = 64 * 1024
    @Option(help: "Sustained messages per second per connection.") var messageRate: Double = 50
    @Option(help: "Message burst per connection.") var messageBurst: Double = 200
    @Option(help: "Seconds a dropped participant may resume within.") var resumeGrace = 15.0
    @Option(help: "WebSocket ping interval in seconds (a missed pong closes the connection).") var pingInterval = 10.0
    @Option(help: "Longest display name in UTF-8 bytes (besides 64 characters).") var maxNameBytes = 256
    @Option(help: "Seconds a client's socket may take none of the frames waiting for it before that client is closed as too slow (checked at least every half timeout, so within 1.5 times this).") var writeTimeout = 10.0
    @Option(help: "Seconds a WebSocket may stay open without joining a room.") var joinTimeout = 60.0
    @Option(help: "Seconds a new connection has to send a complete HTTP request head.") var headerTimeout = 10.0
    @Option(help: "Open connections per client address.") var maxConnectionsPerAddress = 256
    @Option(help: "Open connections this server holds in all (about 32 KiB each); more are refused.")
    var maxConnections = 20_000
    @Option(help: "Live rooms created from one client address.") var maxRoomsPerAddress = 64
    @Flag(help: "Apply the per-address caps to loopback clients too (exempt by default: benchmarks).") var limitLoopback = false
    @Option(help: "Seconds a client has to answer the server's close frame before its socket is closed.") var closeTimeout = 5.0
    @Option(help: "On SIGTERM/SIGINT, seconds clients have to go after their close frame (1001) before the rest are cut.") var shutdownGrace = 5.0
    @Option(help: "Reverse proxy (CIDR, repeatable) whose X-Forwarded-For names the real client.") var trustedProxy: [String] = []
    @Option(help: "Browser origin allowed to open a WebSocket, e.g. https://jam.example.org (repeatable; none: any).") var allowOrigin: [String] = []
    @Option(help: ArgumentHelp("TURN URL handed to clients (repeatable), e.g. turn:H:3478, turn:H:3478?transport=tcp, turns:H:5349."))
    var turnURL: [String] = []
    @Option(help: "coturn static-auth-secret; enables time-limited TURN credentials. Visible in ps: prefer --turn-secret-file or $COLLAB_TURN_SECRET.") var turnSecret: String?
    @Option(help: "File holding the coturn static-auth-secret (one line).") var turnSecretFile: String?
    @Option(help: "TURN credential lifetime in seconds.") var turnTTL = 3600
    @Option(help: "Another STUN URL handed to clients (repeatable).") var stunURL: [String] = []
    @Option(help: "UDP port of the built-in STUN responder: a number, or off (default: the HTTP port's number).")
    var stunPort: String?
    @Option(help: "Host name or IP clients reach this server under, for the stun: URL (default: the host each client connected to).")
    var publicHost: String?
    @Option(help: "PEM certificate chain (leaf first) to serve https and wss with; needs --tls-key.") var tlsCert: String?
    @Option(help: "PEM private key of --tls-cert.") var tlsKey: String?
    @Option(help: "Require access tokens signed with this key (PEM EC P-256 private key: ES256; else a shared secret of 32+ bytes: HS256). Also $COLLAB_AUTH_KEY=PATH. Mint tokens with `collab token`.")
    var authKey: String?
    @Option(help: "File holding the bearer token of the admin API (/admin/rooms...); also $COLLAB_ADMIN_TOKEN (the token itself). No token: no admin API.")
    var adminTokenFile: String?
    @Option(help: "Serve /metrics only on 127.0.0.1:N (0 picks a port) instead of the public listener.") var metricsPort: Int?
    @Option(help: "Share rooms with other instances through PostgreSQL: postgres://USER[:PASS]@HOST[:PORT]/DB[?sslmode=disable|prefer|require]. Also $COLLAB_POSTGRES_URL. Tables are created at start.")
    var postgres: String?
    @Option(help: "With --postgres: seconds between this instance's heartbeats.") var heartbeatInterval = 1.0
    @Option(help: "With --postgres: seconds of silence after which an instance is dead and others adopt its rooms.") var instanceDeadAfter = 5.0
    @Option(help: "When to give freed memory back to the system (glibc malloc_trim): always (every 5 s), quiet (only after 5 s in which the server used under 5 % of a core), or off.") var memoryTrim = "always"
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"
    @Option(help: "Log format on stderr: text or json (one object a line).") var logFormat = "text"

    func validate() throws {
        _ = try boundPort()
        _ = try resolvedTurnSecret()
        _ = try tlsIdentity()
        do {
            _ = try TrustedProxies(trustedProxy)
        } catch {
            throw ValidationError("--trusted-proxy \(error)")
        }
        for origin in allowOrigin {
            // An origin is scheme://host[:port]: no path, no trailing slash (RFC 6454).
            guard let url = URL(string: origin), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
                url.host != nil, url.path.isEmpty, url.query == nil
            else { throw ValidationError("--allow-origin \(origin) is not an origin like https://jam.example.org") }
        }
        guard maxRoomSize >= 2 else { throw ValidationError("--max-room-size must be at least 2") }
        guard maxMessageBytes >= 1024 else { throw ValidationError("--max-message-bytes must be at least 1024") }
        guard messageRate > 0, messageBurst >= 1 else { throw ValidationError("--message-rate and --message-burst must be positive") }
        guard resumeGrace >= 0, pingInterval > 0 else { throw ValidationError("--resume-grace must be >= 0 and --ping-interval > 0") }
        guard maxNameBytes >= 4 else { throw ValidationError("--max-name-bytes must be at least 4") }
        guard maxConnectionsPerAddress >= 1, maxRoomsPerAddress >= 1, maxConnections >= 1 else {
            throw ValidationError("--max-connections, --max-connections-per-address and --max-rooms-per-address must be at least 1")
        }
        let timeouts = [
            ("--write-timeout", writeTimeout), ("--join-timeout", joinTimeout), ("--close-timeout", closeTimeout),
            ("--header-timeout", headerTimeout),
        ]
        for (flag, value) in timeouts {
            guard value > 0 else { throw ValidationError("\(flag) must be positive") }
        }
        guard shutdownGrace >= 0 else { throw ValidationError("--shutdown-grace must be >= 0") }

        for url in turnURL where !(url.hasPrefix("turn:") || url.hasPrefix("turns:")) {
            throw ValidationError("--turn-url \(url): expected turn:HOST[:PORT][?transport=udp|tcp] or turns:HOST[:PORT]")
        }
        for url in stunURL where !url.hasPrefix("stun:") {
            throw ValidationError("--stun-url \(url): expected stun:HOST[:PORT]")
        }
        _ = try stunListener()
        if let publicHost, publicHost.isEmpty || publicHost.contains("/") || publicHost.contains(" ") {
            throw ValidationError("--public-host must be a host name or IP address")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json") }
        guard MemoryTrim(rawValue: memoryTrim) != nil else { throw ValidationError("--memory-trim must be quiet, always or off") }
        _ = try Self.accessKey(path: authKey)
        _ = try adminToken()
        if let metricsPort, !(0...65535).contains(metricsPort) { throw ValidationError("--metrics-port must be 0...65535") }
        _ = try clusterSettings()
    }

    /// `--postgres` or `$COLLAB_POSTGRES_URL`, parsed now so a bad URL stops startup.
    private func clusterSettings() throws -> ClusterSettings? {
        let environment = ProcessInfo.processInfo.environment["COLLAB_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        guard let text = postgres ?? environment else { return nil }
        guard heartbeatInterval > 0, instanceDeadAfter > heartbeatInterval * 2 else {
            throw ValidationError("--instance-dead-after must be more than twice --heartbeat-interval (both positive)")
        }
        do {
            var settings = ClusterSettings(postgres: try PostgresURL(text))
            settings.heartbeatInterval = Self.duration(heartbeatInterval)
            settings.deadAfter = Self.duration(instanceDeadAfter)
            settings.applyBenchmarkKnobs(ProcessInfo.processInfo.environment)
            return settings
        } catch {
            throw ValidationError("\(postgres == nil ? "COLLAB_POSTGRES_URL" : "--postgres"): \(error)")
        }
    }

    func run() async throws {
        let logger = LogSetup.bootstrap(level: logLevel, label: "collab.serve", json: logFormat == "json")
        var configuration = SignalingServerConfiguration()
        configuration.host = host
        configuration.port = try boundPort()
        configuration.maxRoomSize = maxRoomSize
        configuration.maxMessageBytes = maxMessageBytes
        configuration.messagesPerSecond = messageRate
        configuration.messageBurst = messageBurst
        configuration.resumeGrace = .milliseconds(Int(resumeGrace * 1000))
        configuration.pingInterval = .milliseconds(Int(pingInterval * 1000))
        configuration.maxNameBytes = maxNameBytes
        configuration.writeTimeout = Self.duration(writeTimeout)
        configuration.joinTimeout = Self.duration(joinTimeout)
        configuration.closeTimeout = Self.duration(closeTimeout)
        configuration.shutdownGrace = Self.duration(shutdownGrace)
        configuration.headerTimeout = Self.duration(headerTimeout)
        configuration.maxConnectionsPerAddress = maxConnectionsPerAddress
        configuration.maxConnections = maxConnections
        configuration.maxRoomsPerAddress = maxRoomsPerAddress
        configuration.limitLoopback = limitLoopback
        configuration.allowedOrigins = allowOrigin
        configuration.trustedProxies = try TrustedProxies(trustedProxy)
        configuration.turnURLs = turnURL
        configuration.stunListener = try stunListener()
        configuration.publicHost = publicHost
        configuration.turnSecret = try resolvedTurnSecret()
        configuration.turnTTL = .seconds(turnTTL)
        configuration.stunURLs = stunURL
        configuration.tls = try tlsIdentity()
        configuration.accessKey = try Self.accessKey(path: authKey)
        configuration.adminToken = try adminToken()
        configuration.metricsPort = metricsPort
        configuration.memoryTrim = MemoryTrim(rawValue: memoryTrim) ?? .always
        configuration.cluster = try clusterSettings()
        let host = self.host
        let scheme = configuration.tls == nil ? "ws" : "wss"
        let server = SignalingService(configuration: configuration, logger: logger) { port in
            // One machine-readable line on stdout: scripts and `collab bench` wait for it.
            say("listening \(scheme)://\(host):\(port)/ws")
        } onMetricsListening: { port in
            say("metrics http://127.0.0.1:\(port)/metrics")
        }
        let group = ServiceGroup(
            configuration: .init(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    private func stunListener() throws -> STUNListener {
        switch stunPort {
        case nil: return .sameAsHTTP
        case "off"?: return .off
        case let text?:
            guard let number = Int(text), (0...65535).contains(number) else {
                throw ValidationError("--stun-port must be 0...65535 or off, not \(text)")
            }
            return .port(number)
        }
    }

    /// `--port`, else the `PORT` environment variable (what the seed's server reads), else 8080.
    private func boundPort() throws -> Int {
        let environment = ProcessInfo.processInfo.environment["PORT"]
        let chosen: Int
        if let port {
            chosen = port
        } else if let environment {
            guard let value = Int(environment) else { throw ValidationError("PORT=\(environment) is not a port number") }
            chosen = value
        } else {
            chosen = 8080
        }
        guard (0...65535).contains(chosen) else { throw ValidationError("the port must be 0...65535, not \(chosen)") }
        return chosen
    }

    /// The TURN secret from exactly one of `--turn-secret`, `--turn-secret-file` and
    /// `$COLLAB_TURN_SECRET`; a secret needs `--turn-url` and the other way round, and is never empty.
    private func resolvedTurnSecret() throws -> String? {
        let secret = try SecretSource(flag: "turn-secret", environment: "COLLAB_TURN_SECRET")
            .resolve(value: turnSecret, file: turnSecretFile)
        if !turnURL.isEmpty, secret == nil { throw ValidationError("--turn-url needs a TURN secret") }
        if turnURL.isEmpty, secret != nil { throw ValidationError("a TURN secret needs --turn-url") }
        return secret
    }

    /// The certificate and key of `--tls-cert` and `--tls-key`, loaded now so a bad file stops startup.
    private func tlsIdentity() throws -> ServerTLSIdentity? {
        switch (tlsCert, tlsKey) {
        case (nil, nil): return nil
        case (let cert?, let key?):
            do {
                return try ServerTLSIdentity(certificatePath: cert, keyPath: key)
            } catch {
                throw ValidationError("\(error)")
            }
        default: throw ValidationError("--tls-cert and --tls-key go together")
        }
    }

    /// The access-token key of `--auth-key` (or `$COLLAB_AUTH_KEY`), read now so a bad file stops startup.
    static func accessKey(path: String?) throws -> AccessKey? {
        let environment = ProcessInfo.processInfo.environment["COLLAB_AUTH_KEY"]
        guard path == nil || environment == nil else { throw ValidationError("give the auth key once: --auth-key or COLLAB_AUTH_KEY") }
        guard let path = path ?? environment else { return nil }
        do {
            return try AccessKey(contentsOfFile: path)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The admin API token from `--admin-token-file` or `$COLLAB_ADMIN_TOKEN`.
    private func adminToken() throws -> AdminToken? {
        guard let text = try SecretSource(flag: "admin-token", environment: "COLLAB_ADMIN_TOKEN")
            .resolve(value: nil, file: adminTokenFile)
        else { return nil }
        do {
            return try AdminToken(text)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Seconds from the command line as a `Duration` (millisecond precision).
    private static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int(seconds * 1000))
    }
}
