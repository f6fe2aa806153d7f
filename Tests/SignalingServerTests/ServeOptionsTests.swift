import Crypto
import Foundation
import RTCTestSupport
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing
import RTCBase

/// Issue 12, operations: `collab serve` takes its port from `PORT` and its TURN secret from a file
/// or the environment (not only argv, where `ps` shows it), prints `--version`, and refuses
/// contradictory or empty settings at startup.
@Suite(.timeLimit(.minutes(1))) struct ServeOptionsTests {
    /// Starts `collab` with `arguments`; the environment holds only `environment` of the
    /// variables this suite is about.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = ServeProcessTests.collab
        process.arguments = arguments
        var inherited = ProcessInfo.processInfo.environment
        inherited["PORT"] = nil
        for name in ["COLLAB_TURN_SECRET", "COLLAB_AUTH_KEY", "COLLAB_ADMIN_TOKEN", "COLLAB_SECRET", "COLLAB_PASSWORD", "COLLAB_TOKEN",
                     "COLLAB_POSTGRES_URL"] {
            inherited[name] = nil
        }
        process.environment = inherited.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, output)
    }

    /// Runs `collab` to its end: exit status and everything it printed.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> (Int32, String) {
        let (process, output) = try start(arguments, environment: environment)
        defer { if process.isRunning { process.terminate() } }
        return try await withTimeout(.seconds(30), "collab \(arguments.joined(separator: " "))") {
            // Blocking read to end of file, on a thread of its own: bounded by the timeout.
            await onOwnThread {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return (process.terminationStatus, String(decoding: data, as: UTF8.self))
            }
        }
    }

    @Test(arguments: [
        (["serve", "--turn-secret", ""], "empty"),
        (["serve", "--turn-secret", "s"], "needs --turn-url"),
        (["serve", "--turn-url", "turn:127.0.0.1:3478"], "needs a TURN secret"),
        (["serve", "--turn-url", "turn:127.0.0.1:3478", "--turn-secret", "s", "--turn-secret-file", "/nonexistent"], "once"),
        (["serve", "--turn-url", "turn:127.0.0.1:3478", "--turn-secret-file", "/nonexistent/secret"], "cannot read"),
        (["serve", "--port", "70000"], "0...65535"),
        (["serve", "--write-timeout", "0"], "must be positive"),
        (["serve", "--allow-origin", "https://jam.example.org/app"], "is not an origin"),
        (["serve", "--trusted-proxy", "10.0.0.0/33"], "is not a CIDR"),
        (["serve", "--tls-cert", "/nonexistent/server.pem"], "go together"),
        (["serve", "--tls-cert", "/nonexistent/server.pem", "--tls-key", "/nonexistent/server.key"], "cannot read TLS certificate"),
        (["serve", "--tls-cert", "/etc/passwd", "--tls-key", "/etc/passwd"], "PEM certificate"),
        (["serve", "--auth-key", "/nonexistent/key"], "cannot read the auth key"),
        (["serve", "--log-format", "xml"], "text or json"),
        (["serve", "--memory-trim", "sometimes"], "quiet, always or off"),
        (["serve", "--metrics-port", "70000"], "0...65535"),
        (["token", "--auth-key", "/etc/passwd", "--name", "A"], "--room CODE, --create"),
        (["host", "--server", "ws://127.0.0.1:1/ws", "--name", "A", "--secret", "s", "--secret-file", "/x"], "once"),
        (["join", "ABCDEF", "--server", "ws://127.0.0.1:1/ws", "--name", "A", "--password-file", "/nonexistent"], "cannot read"),
    ])
    func contradictoryOrEmptySettingsAreStartupErrors(_ arguments: [String], _ says: String) async throws {
        let (status, output) = try await Self.run(arguments)
        #expect(status != 0)
        #expect(output.contains(says), "\(output)")
    }

    /// `collab token` prints a token that a server with the same key file accepts for that room only.
    @Test func aMintedTokenOpensTheServer() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("collab-auth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("a shared secret of more than thirty-two bytes\n".utf8).write(to: file)
        let (status, output) = try await Self.run(
            ["token", "--name", "Cleo", "--create", "--ttl", "60"], environment: ["COLLAB_AUTH_KEY": file.path])
        #expect(status == 0)
        let token = output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.split(separator: ".").count == 3)
        let key = try AccessKey(contentsOfFile: file.path)
        let names = try await TestServer.with({ $0.accessKey = key }) { server in
            var configuration = SignalingSessionConfiguration(url: server.url)
            configuration.accessToken = token
            configuration.reconnect = false
            let host = SignalingSession(configuration: configuration, logger: TestServer.logger)
            let guest = SignalingSession(configuration: configuration, logger: TestServer.logger)
            try await host.connect()
            try await guest.connect()
            let room = try await host.createRoom(name: "Someone")
            let joined = try await guest.join(code: room.roomCode.value, name: "Someone Else")
            await host.close()
            await guest.close()
            return joined.participants.map(\.name)
        }
        // The server names both after the token.
        #expect(names == ["Cleo", "Cleo"])
    }

    /// `--log-format json`: every log line is one JSON object with time, level and message.
    @Test func jsonLogsAreOneObjectALine() async throws {
        let (process, output) = try Self.start(["serve", "--port", "0", "--stun-port", "off", "--log-format", "json"])
        defer { if process.isRunning { process.terminate() } }
        let lines = try await withTimeout(.seconds(30), "listening line") {
            // Blocking reads of the child's output until its listening line, on a thread of its
            // own; bounded by the timeout.
            await onOwnThread {
                var buffer = Data()
                let reader = output.fileHandleForReading
                while !String(decoding: buffer, as: UTF8.self).contains("listening ws://") {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    buffer += chunk
                }
                return String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
            }
        }
        let logs = lines.filter { !$0.hasPrefix("listening ") }
        #expect(!logs.isEmpty)
        for line in logs {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            #expect(object?["level"] != nil && object?["message"] != nil && object?["time"] != nil, "\(line)")
        }
    }

    @Test func aPortEnvironmentThatIsNoPortIsAStartupError() async throws {
        let (status, output) = try await Self.run(["serve"], environment: ["PORT": "eighty"])
        #expect(status != 0)
        #expect(output.contains("not a port number"))
    }

    @Test func versionIsPrinted() async throws {
        let (status, output) = try await Self.run(["--version"])
        #expect(status == 0)
        #expect(output.hasPrefix("collab "))
        #expect(output.contains("protocol v1"))
    }

    enum SecretSource: String, CaseIterable, Sendable {
        case file, environment
    }

    @Test(arguments: SecretSource.allCases)
    func portFromTheEnvironmentAndTheTurnSecretFrom(_ source: SecretSource) async throws {
        let secret = "secret-from-\(source.rawValue)"
        var arguments = ["serve", "--log-level", "error", "--turn-url", "turn:127.0.0.1:3478"]
        var environment = ["PORT": "0"]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("collab-turn-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        switch source {
        case .file:
            try Data((secret + "\n").utf8).write(to: file)
            arguments += ["--turn-secret-file", file.path]
        case .environment:
            environment["COLLAB_TURN_SECRET"] = secret
        }
        let (process, output) = try Self.start(arguments, environment: environment)
        defer { if process.isRunning { process.terminate() } }
        let port = try await ServeProcessTests.listeningPort(output.fileHandleForReading)
        #expect(port != 8080)

        let (client, _) = try await makeClient(TestServer(port: port), reconnect: false)
        let room = try await client.createRoom(name: "Ana")
        let turn = try #require(room.iceServers.first { $0.urls == ["turn:127.0.0.1:3478"] })
        let username = try #require(turn.username)
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(username.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        #expect(turn.credential == Data(mac).base64EncodedString())
        await client.close()

        kill(process.processIdentifier, SIGTERM)
        let status = try await withTimeout(.seconds(20), "serve to exit") {
            await onOwnThread {
                process.waitUntilExit()
                return process.terminationStatus
            }
        }
        #expect(status == 0)
    }

    @Test func aBadOrUnreachableDatabaseStopsStartup() async throws {
        let (badStatus, badOutput) = try await Self.run(["serve", "--port", "0", "--postgres", "postgres://nobody@host"])
        #expect(badStatus != 0)
        #expect(badOutput.contains("names no database"))
        let (envStatus, envOutput) = try await Self.run(
            ["serve", "--port", "0"], environment: ["COLLAB_POSTGRES_URL": "http://example.org/"])
        #expect(envStatus != 0)
        #expect(envOutput.contains("COLLAB_POSTGRES_URL"))
        // Nothing listens on a port just found free: refused at once, a clear line, exit 1.
        let port = try CoturnProcess.freeTCPPort()
        let (status, output) = try await Self.run([
            "serve", "--port", "0", "--stun-port", "off", "--postgres", "postgres://collab@127.0.0.1:\(port)/collab?sslmode=disable",
        ])
        #expect(status != 0)
        #expect(output.contains("cannot use PostgreSQL at postgres://collab@127.0.0.1:\(port)/collab"))
        #expect(!output.contains("listening"))
    }
}
