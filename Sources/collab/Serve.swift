import ArgumentParser
import Logging
import ServiceLifecycle
import UnixSignals
import SignalingServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the signaling server (WebSocket protocol v1 at /ws, GET /healthz, GET /metrics), a STUN responder, and the browser app at /.",
        discussion: """
            Answers STUN Binding requests on UDP, by default on the HTTP port number, and hands clients \
            its stun: URL (host: --public-host, else the host each client connected to). \
            Stops gracefully on SIGINT or SIGTERM: clients get a close frame, exit status 0.
            """
    )

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind (0 picks a free one; the chosen port is printed).") var port = 8080
    @Option(help: "Most participants per room.") var maxRoomSize = 8
    @Option(help: "Largest message in bytes.") var maxMessageBytes = 64 * 1024
    @Option(help: "Sustained messages per second per connection.") var messageRate: Double = 50
    @Option(help: "Message burst per connection.") var messageBurst: Double = 200
    @Option(help: "Seconds a dropped participant may resume within.") var resumeGrace = 15.0
    @Option(help: "WebSocket ping interval in seconds (a missed pong closes the connection).") var pingInterval = 10.0
    @Option(help: ArgumentHelp("TURN URL handed to clients (repeatable), e.g. turn:H:3478, turn:H:3478?transport=tcp, turns:H:5349."))
    var turnURL: [String] = []
    @Option(help: "coturn static-auth-secret; enables time-limited TURN credentials.") var turnSecret: String?
    @Option(help: "TURN credential lifetime in seconds.") var turnTTL = 3600
    @Option(help: "Another STUN URL handed to clients (repeatable).") var stunURL: [String] = []
    @Option(help: "UDP port of the built-in STUN responder: a number, or off (default: the HTTP port's number).")
    var stunPort: String?
    @Option(help: "Host name or IP clients reach this server under, for the stun: URL (default: the host each client connected to).")
    var publicHost: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard maxRoomSize >= 2 else { throw ValidationError("--max-room-size must be at least 2") }
        guard maxMessageBytes >= 1024 else { throw ValidationError("--max-message-bytes must be at least 1024") }
        guard messageRate > 0, messageBurst >= 1 else { throw ValidationError("--message-rate and --message-burst must be positive") }
        guard resumeGrace >= 0, pingInterval > 0 else { throw ValidationError("--resume-grace must be >= 0 and --ping-interval > 0") }
        if !turnURL.isEmpty, turnSecret == nil { throw ValidationError("--turn-url needs --turn-secret") }
        if turnSecret != nil, turnURL.isEmpty { throw ValidationError("--turn-secret needs at least one --turn-url") }
        if let turnSecret, turnSecret.isEmpty { throw ValidationError("--turn-secret must not be empty") }
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
    }

    func run() async throws {
        let logger = LogSetup.bootstrap(level: logLevel, label: "collab.serve")
        var configuration = SignalingServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxRoomSize = maxRoomSize
        configuration.maxMessageBytes = maxMessageBytes
        configuration.messagesPerSecond = messageRate
        configuration.messageBurst = messageBurst
        configuration.resumeGrace = .milliseconds(Int(resumeGrace * 1000))
        configuration.pingInterval = .milliseconds(Int(pingInterval * 1000))
        configuration.turnURLs = turnURL
        configuration.stunListener = try stunListener()
        configuration.publicHost = publicHost
        configuration.turnSecret = turnSecret
        configuration.turnTTL = .seconds(turnTTL)
        configuration.stunURLs = stunURL
        let host = self.host
        let server = SignalingService(configuration: configuration, logger: logger) { port in
            // One machine-readable line on stdout: scripts and `collab bench` wait for it.
            say("listening ws://\(host):\(port)/ws")
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
}
