import Foundation
import NIOCore
import NIOSSL
import RTCTestSupport
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing
import RTCBase

/// Issue 12: behind a real nginx (Debian's) running deploy/nginx-collab.conf on loopback ports,
/// the Swift client gets wss end to end, and the join guard and room cap key on the real client
/// address that nginx puts in X-Forwarded-For (clients here come from 127.0.0.2 and 127.0.0.3).
@Suite(.timeLimit(.minutes(1)), .enabled(if: NginxProcess.isInstalled, "nginx is not installed (scripts/setup installs it)"))
struct NginxProxyTests {
    /// deploy/'s site with private ports, the test's certificate and temporary paths.
    static func site(httpPort: UInt16, httpsPort: UInt16, upstream: Int, identity: TestCertificateAuthority.ServerIdentity,
                     root: String) throws -> String {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("deploy/nginx-collab.conf")
        var site = try String(contentsOf: file, encoding: .utf8)
        let swaps = [
            ("listen 80;", "listen 127.0.0.1:\(httpPort);"),
            ("listen 443 ssl;", "listen 127.0.0.1:\(httpsPort) ssl;"),
            ("listen [::]:80;", ""), ("listen [::]:443 ssl;", ""),
            ("/etc/letsencrypt/live/jam.example.org/fullchain.pem", identity.certificatePath),
            ("/etc/letsencrypt/live/jam.example.org/privkey.pem", identity.keyPath),
            ("server_name jam.example.org;", "server_name localhost;"),
            ("proxy_pass http://127.0.0.1:8080;", "proxy_pass http://127.0.0.1:\(upstream);"),
            ("root /var/www/html;", "root \(root);"),
            ("/var/log/nginx/collab-access.log", "\(root)/collab-access.log"),
        ]
        for (from, to) in swaps {
            guard site.contains(from) else { throw Failure(description: "deploy/nginx-collab.conf has no '\(from)'") }
            site = site.replacingOccurrences(of: from, with: to)
        }
        return site
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body` with a server behind nginx; returns what it returns.
    static func behindNginx<T: Sendable>(
        _ configure: @escaping (inout SignalingServerConfiguration) -> Void,
        _ body: (_ httpsPort: Int, _ authority: TestCertificateAuthority, _ server: TestServer) async throws -> T
    ) async throws -> T {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let identity = try authority.issueServer(name: "nginx")
        return try await TestServer.with({
            $0.trustedProxies = try! TrustedProxies(["127.0.0.1/32"])
            configure(&$0)
        }) { server in
            let httpPort = try CoturnProcess.freeTCPPort()
            let httpsPort = try CoturnProcess.freeTCPPort()
            let nginx = try NginxProcess(site: site(
                httpPort: httpPort, httpsPort: httpsPort, upstream: server.port, identity: identity,
                root: authority.directory.path))
            // Stopped with await on both paths: a blocking stop would hold a thread of the pool.
            let result: Result<T, any Error>
            do {
                try await nginx.waitUntilListening(port: httpsPort)
                result = .success(try await body(Int(httpsPort), authority, server))
            } catch {
                result = .failure(error)
            }
            await nginx.stop()
            return try result.get()
        }
    }

    static func tls(_ authority: TestCertificateAuthority) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(authority.certificatePEM.utf8)))
        // nginx closes a proxied WebSocket without answering our close_notify: do not wait the
        // default 5 s for it on every exchange.
        configuration.shutdownTimeout = .milliseconds(200)
        return try NIOSSLContext(configuration: configuration)
    }

    @Test func theSwiftClientRelaysOverWssThroughNginx() async throws {
        try await Self.behindNginx({ _ in }) { port, authority, _ in
            var configuration = SignalingSessionConfiguration(url: "wss://localhost:\(port)/ws")
            configuration.additionalTrustRootsPEM = authority.certificatePEM
            configuration.reconnect = false
            let host = SignalingSession(configuration: configuration, logger: TestServer.logger)
            let guest = SignalingSession(configuration: configuration, logger: TestServer.logger)
            let guestEvents = EventRecorder(guest.events)
            try await host.connect()
            try await guest.connect()
            let room = try await host.createRoom(name: "Host")
            let joined = try await guest.join(code: room.roomCode.value, name: "Guest")
            try await host.sendOffer(to: joined.participantID, sdp: "v=0 through nginx")
            try await guestEvents.waitMessage("offer through nginx") {
                $0 == .offer(from: room.participantID, sdp: "v=0 through nginx")
            }
            await host.close()
            await guest.close()
        } as Void
    }

    /// One raw exchange through nginx from a chosen loopback source address.
    static func exchange(port: Int, from source: String, tls: NIOSSLContext, _ message: ClientMessage) async throws -> ServerMessage? {
        try await withTimeout(.seconds(20), "exchange through nginx") {
            try await RawWebSocket.with(port: port, from: source, tls: tls) { socket in
                guard socket.upgraded else { throw Failure(description: "not upgraded: \(socket.responseHead)") }
                try await socket.sendText(message.jsonText())
                return try await socket.receive().map { try ServerMessage.decode(Data($0.payload)) }
            }
        }
    }

    @Test func guardsKeyOnTheRealClientBehindNginx() async throws {
        try await Self.behindNginx({
            $0.joinFailuresAllowed = 2
            $0.maxRoomsPerAddress = 1
            $0.limitLoopback = true
        }) { port, authority, server in
            let tls = try Self.tls(authority)
            let typo = ClientMessage.joinCode(roomCode: "ZZZZZZ", name: "Typo", password: nil)
            var codes: [SignalingErrorCode?] = []
            for _ in 0..<3 {
                codes.append(try await Self.exchange(port: port, from: "127.0.0.2", tls: tls, typo).flatMap(AccessTokenTests.errorCode))
            }
            // The typo-prone client locked itself out, and only itself.
            #expect(codes == [.roomNotFound, .roomNotFound, .rateLimited])
            let other = try await Self.exchange(port: port, from: "127.0.0.3", tls: tls, typo).flatMap(AccessTokenTests.errorCode)
            #expect(other == .roomNotFound)

            // The room cap, too, counts per real client (rooms live while their creator resumes).
            let create = ClientMessage.createRoom(name: "Ana", password: nil)
            let first = try await Self.exchange(port: port, from: "127.0.0.4", tls: tls, create)
            let second = try await Self.exchange(port: port, from: "127.0.0.4", tls: tls, create)
            let elsewhere = try await Self.exchange(port: port, from: "127.0.0.5", tls: tls, create)
            if case .roomCreated? = first {} else { Issue.record("first room refused: \(String(describing: first))") }
            #expect(second.flatMap(AccessTokenTests.errorCode) == .rateLimited)
            if case .roomCreated? = elsewhere {} else { Issue.record("other client's room refused: \(String(describing: elsewhere))") }
            _ = server
        } as Void
    }
}
