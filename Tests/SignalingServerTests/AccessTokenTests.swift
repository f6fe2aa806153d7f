import Crypto
import Foundation
import RTCTestSupport
import SignalingClient
import SignalingProtocol
import SignalingServer
import Synchronization
import Testing
import RTCBase

/// Issue 12, access tokens: the accept/refuse matrix of `--auth-key` at the upgrade and at join.
@Suite(.timeLimit(.minutes(1))) struct AccessTokenTests {
    static let secret = AccessKey.hs256Test
    static let hour: TimeInterval = 3600

    static func token(
        _ key: AccessKey = secret, room: String = "*", create: Bool = false, name: String = "Ana",
        role: String? = nil, expiresIn: TimeInterval = hour
    ) async throws -> String {
        try await key.sign(AccessClaims(
            expires: Date().addingTimeInterval(expiresIn), name: name, room: room, create: create, role: role))
    }

    /// The server's answer to one message on a fresh raw WebSocket (nil when it did not upgrade).
    static func exchange(
        port: Int, path: String = "/ws", headers: [String] = [], _ message: ClientMessage
    ) async throws -> (head: String, reply: ServerMessage?) {
        try await withTimeout(.seconds(20), "one exchange") {
            try await RawWebSocket.with(port: port, path: path, headers: headers) { socket in
                guard socket.upgraded else { return (socket.responseHead, nil) }
                try await socket.sendText(message.jsonText())
                let frame = try await socket.receive()
                return (socket.responseHead, try frame.map { try ServerMessage.decode(Data($0.payload)) })
            }
        }
    }

    @Test func keyFilesAreParsedOrRefused() throws {
        let pem = P256.Signing.PrivateKey().pemRepresentation
        #expect(try AccessKey(fileContents: Data(pem.utf8)).algorithm == "ES256")
        #expect(try AccessKey(fileContents: Data("  \(String(repeating: "s", count: 32))\n".utf8)).algorithm == "HS256")
        #expect(throws: AccessKey.Invalid.self) { try AccessKey(fileContents: Data("too short".utf8)) }
        let rsaLike = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        #expect(throws: AccessKey.Invalid.self) { try AccessKey(fileContents: Data(rsaLike.utf8)) }
    }

    @Test func missingExpiredAndForgedTokensGet401AndAreCounted() async throws {
        let other = try AccessKey(fileContents: Data(String(repeating: "x", count: 40).utf8))
        let expired = try await Self.token(expiresIn: -60)
        let forged = try await Self.token(other, create: true)
        try await TestServer.with({ $0.accessKey = Self.secret }) { server in
            let create = ClientMessage.createRoom(name: "Ana", password: nil)
            for headers in [[], ["Authorization: Bearer \(expired)"], ["Authorization: Bearer \(forged)"],
                            ["Authorization: Bearer not.a.jwt"], ["Authorization: Basic YTpi"]] {
                let (head, reply) = try await Self.exchange(port: server.port, headers: headers, create)
                #expect(head.hasPrefix("HTTP/1.1 401"), "\(headers)")
                #expect(head.contains("WWW-Authenticate: Bearer"))
                #expect(reply == nil)
            }
            // An expired token does not become good by claiming a resume that it then does not make.
            let (head, reply) = try await Self.exchange(
                port: server.port, path: "/ws?resume=1", headers: ["Authorization: Bearer \(expired)"], create)
            #expect(head.hasPrefix("HTTP/1.1 101"))
            #expect(reply.flatMap(Self.errorCode) == .unauthorized)
            let refused = "collab_signaling_refused_tokens_total"
            #expect(try await HardLimitTests.metric(refused + "{reason=\"missing\"}", port: server.port) == 2)
            #expect(try await HardLimitTests.metric(refused + "{reason=\"expired\"}", port: server.port) == 1)
            #expect(try await HardLimitTests.metric(refused + "{reason=\"invalid\"}", port: server.port) == 2)
        } as Void
    }

    @Test func validTokensEnterByHeaderOrQueryAndOnlyTheirRoom() async throws {
        let creator = try await Self.token(create: true, name: "Token Name")
        try await TestServer.with({ $0.accessKey = Self.secret }) { server in
            // The browser's way: ?token= on the URL.
            let (head, reply) = try await Self.exchange(
                port: server.port, path: "/ws?token=\(creator)", .createRoom(name: "Ignored", password: nil))
            #expect(head.hasPrefix("HTTP/1.1 101"))
            guard case .roomCreated(let room)? = reply else { Issue.record("no room: \(String(describing: reply))"); return }
            // The Swift client's way: Authorization: Bearer, and the creator stays in the room.
            var configuration = SignalingSessionConfiguration(url: server.url)
            configuration.accessToken = creator
            configuration.reconnect = false
            let host = SignalingSession(configuration: configuration, logger: TestServer.logger)
            try await host.connect()
            let hosted = try await host.createRoom(name: "Ignored")

            let elsewhere = try await Self.token(room: room.roomCode.value)
            let here = try await Self.token(room: hosted.roomCode.value, name: "Guest Of Token")
            let noCreate = try await Self.token(room: hosted.roomCode.value)
            let auth = { (token: String) in ["Authorization: Bearer \(token)"] }
            let wrongRoom = try await Self.exchange(
                port: server.port, headers: auth(elsewhere), .joinCode(roomCode: hosted.roomCode.value, name: "G", password: nil))
            #expect(wrongRoom.reply.flatMap(Self.errorCode) == .unauthorized)
            let creating = try await Self.exchange(port: server.port, headers: auth(noCreate), .createRoom(name: "G", password: nil))
            #expect(creating.reply.flatMap(Self.errorCode) == .unauthorized)
            let joined = try await Self.exchange(
                port: server.port, headers: auth(here), .joinCode(roomCode: hosted.roomCode.value, name: "Someone Else", password: nil))
            guard case .joined(let body)? = joined.reply else { Issue.record("not joined: \(String(describing: joined.reply))"); return }
            // The name is the token's, not the one the client sent.
            #expect(body.participants.map(\.name).sorted() == ["Guest Of Token", "Token Name"])
            #expect(try await HardLimitTests.metric(
                "collab_signaling_errors_total{code=\"unauthorized\"}", port: server.port) == 2)
            await host.close()
        } as Void
    }

    @Test func anES256KeyVerifiesWithItsPublicHalf() async throws {
        let key = try AccessKey(fileContents: Data(P256.Signing.PrivateKey().pemRepresentation.utf8))
        let good = try await Self.token(key, create: true)
        let hs = try await Self.token(Self.secret, create: true)
        try await TestServer.with({ $0.accessKey = key }) { server in
            let create = ClientMessage.createRoom(name: "Ana", password: nil)
            let accepted = try await Self.exchange(port: server.port, headers: ["Authorization: Bearer \(good)"], create)
            guard case .roomCreated? = accepted.reply else { Issue.record("refused: \(accepted.head)"); return }
            let other = try await Self.exchange(port: server.port, headers: ["Authorization: Bearer \(hs)"], create)
            #expect(other.head.hasPrefix("HTTP/1.1 401"))
        } as Void
    }

    /// The access token guards entry: a member whose token expired meanwhile still resumes.
    @Test func aResumeIsNotRefusedBecauseTheTokenExpired() async throws {
        let fresh = try await Self.token(create: true)
        let expired = try await Self.token(expiresIn: -60)
        try await TestServer.with({ $0.accessKey = Self.secret }) { server in
            let first = try await Self.exchange(
                port: server.port, headers: ["Authorization: Bearer \(fresh)"], .createRoom(name: "Ana", password: nil))
            guard case .roomCreated(let room)? = first.reply else { Issue.record("no room"); return }
            // The socket above is closed: the member is within its resume grace.
            let resumed = try await Self.exchange(
                port: server.port, path: "/ws?resume=1", headers: ["Authorization: Bearer \(expired)"],
                .join(roomID: room.roomID, name: nil, password: nil, resumeToken: room.resumeToken))
            guard case .joined(let body)? = resumed.reply else { Issue.record("not resumed: \(String(describing: resumed.reply))"); return }
            #expect(body.participantID == room.participantID)
        } as Void
    }

    /// The Swift client says `resume=1` when it reconnects into a room, so its expired token
    /// still takes its place back.
    @Test func theSwiftClientResumesWithAnExpiredToken() async throws {
        let expires = Date().addingTimeInterval(60)
        let token = try await Self.secret.sign(AccessClaims(expires: expires, name: "Ana", room: "*", create: true))
        // The server's clock, moved past the token's expiry instead of waiting for it.
        let shift = Mutex<TimeInterval>(0)
        try await TestServer.with({
            $0.accessKey = Self.secret
            $0.wallClock = { Date().addingTimeInterval(shift.withLock { $0 }) }
        }) { server in
            var configuration = SignalingSessionConfiguration(url: server.url)
            configuration.accessToken = token
            configuration.initialBackoff = .milliseconds(50)
            let client = SignalingSession(configuration: configuration, logger: TestServer.logger)
            let events = EventRecorder(client.events)
            try await client.connect()
            let room = try await client.createRoom(name: "Ana")
            shift.withLock { $0 = 120 }
            await client.reconnect()
            try await events.waitEvent("resumed with an expired token") {
                if case .resumed(let membership) = $0 { membership.participantID == room.participantID } else { false }
            }
            await client.close()
        } as Void
    }

    @Test func withoutAKeyTheServerStaysOpen() async throws {
        try await TestServer.with { server in
            let (head, reply) = try await Self.exchange(port: server.port, .createRoom(name: "Ana", password: nil))
            #expect(head.hasPrefix("HTTP/1.1 101"))
            guard case .roomCreated? = reply else { Issue.record("no room"); return }
        } as Void
    }

    static func errorCode(_ message: ServerMessage) -> SignalingErrorCode? {
        if case .error(let error) = message { return error.code }
        return nil
    }
}

extension AccessKey {
    /// An HS256 key for tests.
    static let hs256Test = try! AccessKey(fileContents: Data("collab test secret, long enough for HS256".utf8))
}
