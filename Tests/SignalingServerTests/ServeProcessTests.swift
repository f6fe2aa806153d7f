import RTCTestSupport
import Foundation
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing
import RTCTestSupport
import RTCBase

/// `collab serve` as a real process: it prints where it listens, serves, and on SIGTERM closes
/// every client with a close frame and exits 0.
@Suite(.timeLimit(.minutes(1))) struct ServeProcessTests {
    /// The `collab` binary SwiftPM built next to the test bundle.
    static var collab: URL { ChildProcess.builtExecutable("collab") }

    @Test func servesAndShutsDownGracefullyOnSIGTERM() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.collab.path), "build collab first: \(Self.collab.path)")
        let process = Process()
        process.executableURL = Self.collab
        process.arguments = ["serve", "--port", "0", "--log-level", "error"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let port = try await Self.listeningPort(output.fileHandleForReading)

        let (client, events) = try await makeClient(TestServer(port: port), reconnect: false)
        let room = try await client.createRoom(name: "Ana")
        #expect(room.roomCode.value.count == 6)
        let health = try await RawHTTP.get(port: port, path: "/healthz")
        #expect(health.hasPrefix("HTTP/1.1 200"))

        kill(process.processIdentifier, SIGTERM)
        // 1001 from the hub, or, rarely, 1000: swift-websocket closes every socket from its own
        // graceful-shutdown task, which races the hub's (see SignalingService).
        try await events.waitEvent("close frame 1001 or 1000") { event in
            if case .serverClosed(code: let code, _) = event { code == 1001 || code == 1000 } else { false }
        }
        try await events.waitEvent("disconnected") { $0 == .state(.disconnected) }
        let status = try await withTimeout(.seconds(20), "serve to exit") {
            await onOwnThread {
                process.waitUntilExit()
                return process.terminationStatus
            }
        }
        #expect(status == 0)
        await client.close()
    }

    @Test func sigtermExitsWithinTheGraceEvenWithAClientThatNeverAnswers() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.collab.path), "build collab first: \(Self.collab.path)")
        let process = Process()
        process.executableURL = Self.collab
        // Pings far apart: only the shutdown grace can end the mute client's connection in time.
        process.arguments = ["serve", "--port", "0", "--log-level", "error", "--shutdown-grace", "1", "--ping-interval", "120"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let port = try await Self.listeningPort(output.fileHandleForReading)

        let signalled = ContinuousClock.now
        let status = try await withTimeout(.seconds(30), "serve to exit with a mute client") {
            try await RawWebSocket.with(port: port) { mute in
                #expect(mute.upgraded)
                kill(process.processIdentifier, SIGTERM)
                // Never reads again, so never answers the close frame.
                return await onOwnThread {
                    process.waitUntilExit()
                    return process.terminationStatus
                }
            }
        }
        #expect(status == 0)
        // Not a timing assertion that a slow machine could miss: the exit cannot come before
        // the grace, because the mute client never closes its side.
        #expect(ContinuousClock.now - signalled >= .seconds(1))
    }

    /// Reads the `listening ws://HOST:PORT/ws` line (`wss://` with TLS) and returns the port.
    static func listeningPort(_ reader: FileHandle, scheme: String = "ws") async throws -> Int {
        let line = try await withTimeout(.seconds(30), "listening line") {
            // Blocking reads of a pipe the child writes one line to, on a thread of its own;
            // bounded by the timeout.
            await onOwnThread {
                var buffer = Data()
                while !buffer.contains(UInt8(ascii: "\n")) {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    buffer += chunk
                }
                return String(decoding: buffer.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            }
        }
        #expect(line.hasPrefix("listening \(scheme)://127.0.0.1:"))
        return try #require(Int(line.split(separator: ":").last?.split(separator: "/").first ?? ""))
    }
}
