import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import RTCTestSupport
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing
import RTCBase

/// `collab serve --tls-cert --tls-key`: https and wss on one port, verified by the client against
/// a CA made for the test.
@Suite(.timeLimit(.minutes(1))) struct TLSTests {
    /// A CA, a server certificate for localhost and 127.0.0.1, and the server identity it makes.
    struct Fixture {
        let authority: TestCertificateAuthority
        let identity: ServerTLSIdentity

        init() throws {
            authority = try TestCertificateAuthority()
            let files = try authority.issueServer()
            identity = try ServerTLSIdentity(certificatePath: files.certificatePath, keyPath: files.keyPath)
        }
    }

    /// A client of the TLS server; `localhost` because TLS cannot name a server by IP address.
    static func client(_ server: TestServer, trusting pem: String?) -> SignalingSession {
        var configuration = SignalingSessionConfiguration(url: "wss://localhost:\(server.port)/ws")
        configuration.reconnect = false
        configuration.connectTimeout = .seconds(10)
        configuration.additionalTrustRootsPEM = pem
        return SignalingSession(configuration: configuration, logger: TestServer.logger)
    }

    @Test func sessionOverWSSCreatesAndJoins() async throws {
        let fixture = try Fixture()
        defer { fixture.authority.remove() }
        try await TestServer.with({ $0.tls = fixture.identity }) { server in
            let host = Self.client(server, trusting: fixture.authority.certificatePEM)
            try await host.connect()
            let room = try await host.createRoom(name: "Ana")
            let guest = Self.client(server, trusting: fixture.authority.certificatePEM)
            try await guest.connect()
            let joined = try await guest.join(code: room.roomCode.value, name: "Ben")
            #expect(joined.roomID == room.roomID)
            #expect(joined.participants.map(\.name) == ["Ana", "Ben"])
            await host.close()
            await guest.close()
        }
    }

    @Test func clientWithoutTheCAIsRefused() async throws {
        let fixture = try Fixture()
        defer { fixture.authority.remove() }
        try await TestServer.with({ $0.tls = fixture.identity }) { server in
            let client = Self.client(server, trusting: nil)
            let error = await #expect(throws: SignalingSessionError.self) { try await client.connect() }
            // Refused by certificate verification, not given up on by the connect timeout.
            guard case .connectFailed(let why)? = error else {
                Issue.record("expected connectFailed, got \(String(describing: error))")
                return
            }
            #expect(!why.hasPrefix("timed out"))
            await client.close()
        }
    }

    @Test func healthzOverHTTPS() async throws {
        let fixture = try Fixture()
        defer { fixture.authority.remove() }
        let pem = fixture.authority.certificatePEM
        try await TestServer.with({ $0.tls = fixture.identity }) { server in
            let answer = try await withTimeout(.seconds(15), "GET /healthz over https") {
                try await Self.get("/healthz", port: server.port, trusting: pem)
            }
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            #expect(answer.hasSuffix("\r\n\r\nok\n"))
        }
    }

    @Test func serveWithCertificatePrintsWSSAndAnswersHTTPS() async throws {
        let fixture = try Fixture()
        defer { fixture.authority.remove() }
        let files = try fixture.authority.issueServer(name: "process")
        let process = Process()
        process.executableURL = ServeProcessTests.collab
        process.arguments = ["serve", "--port", "0", "--log-level", "error",
                             "--tls-cert", files.certificatePath, "--tls-key", files.keyPath]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let port = try await ServeProcessTests.listeningPort(output.fileHandleForReading, scheme: "wss")
        let pem = fixture.authority.certificatePEM
        let answer = try await withTimeout(.seconds(15), "GET /healthz over https") {
            try await Self.get("/healthz", port: port, trusting: pem)
        }
        #expect(answer.hasPrefix("HTTP/1.1 200"))
    }

    /// One HTTP/1.1 GET over TLS, read up to the end of a body that ends in a newline.
    static func get(_ path: String, port: Int, trusting pem: String) async throws -> String {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
        let context = try NIOSSLContext(configuration: tls)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: context, serverHostname: "localhost"))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n"))
            var text = ""
            // Keep-alive leaves the connection open: stop at the body rather than wait for a close.
            for try await var chunk in inbound {
                text += chunk.readString(length: chunk.readableBytes) ?? ""
                if text.contains("\r\n\r\n"), text.hasSuffix("\n"), !text.hasSuffix("\r\n\r\n") { break }
            }
            return text
        }
    }
}
