import Foundation
import RTCTestSupport
import SignalingClient
import SignalingProtocol
@testable import SignalingServer
import Testing
import RTCBase

/// Issue 12, the admin HTTP API: bearer admin token; list, look, remove, close.
@Suite(.timeLimit(.minutes(1))) struct AdminAPITests {
    static let token = "an admin token for the tests"

    static func request(_ method: String, _ path: String, port: Int, token: String? = Self.token) async throws -> (status: Int, body: String) {
        let auth = token.map { "Authorization: Bearer \($0)\r\n" } ?? ""
        let text = try await RawHTTP.exchange(
            port: port, request: "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(auth)Connection: close\r\n\r\n",
            timeout: .seconds(10))
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    @Test func tokensAreComparedAsWholes() throws {
        #expect(throws: AdminToken.Invalid.self) { try AdminToken("short") }
        let token = try AdminToken("  \(Self.token)\n")
        #expect(token.accepts(authorization: "Bearer \(Self.token)"))
        #expect(token.accepts(authorization: "bearer   \(Self.token) "))
        for wrong in [nil, "", "Bearer", "Bearer \(Self.token)x", "Basic \(Self.token)", Self.token] {
            #expect(!token.accepts(authorization: wrong))
        }
    }

    @Test func anAdministratorListsLooksRemovesAndCloses() async throws {
        try await TestServer.with({ $0.adminToken = try! AdminToken(Self.token) }) { server in
            let (host, hostEvents) = try await makeClient(server, reconnect: false)
            let (guest, guestEvents) = try await makeClient(server, reconnect: false)
            let room = try await host.createRoom(name: "Host")
            let guestMembership = try await guest.join(code: room.roomCode.value, name: "Guest")
            let code = room.roomCode.value

            for token in [nil, "wrong token, long enough", Self.token + "x"] {
                #expect(try await Self.request("GET", "/admin/rooms", port: server.port, token: token).status == 401)
            }
            #expect(try await HardLimitTests.metric("collab_signaling_refused_admin_requests_total", port: server.port) == 3)

            let list = try await Self.request("GET", "/admin/rooms", port: server.port)
            #expect(list.status == 200)
            let rooms = try JSONDecoder().decode([RoomSummary].self, from: Data(list.body.utf8))
            #expect(rooms.map(\.code) == [room.roomCode])
            #expect(rooms.first?.size == 2)
            #expect(rooms.first?.participants == nil)

            let detail = try await Self.request("GET", "/admin/rooms/\(code)", port: server.port)
            let summary = try JSONDecoder().decode(RoomSummary.self, from: Data(detail.body.utf8))
            #expect(summary.participants?.map(\.name) == ["Host", "Guest"])
            #expect(summary.participants?.first?.role == .host)
            #expect(try await Self.request("GET", "/admin/rooms/ZZZZZZ", port: server.port).status == 404)
            #expect(try await Self.request("GET", "/admin/rooms/not-a-code", port: server.port).status == 404)

            let path = "/admin/rooms/\(code)/participants/\(guestMembership.participantID)"
            #expect(try await Self.request("DELETE", path, port: server.port).status == 204)
            try await hostEvents.waitMessage("host told") { $0 == .participantLeft(guestMembership.participantID, reason: .removed) }
            try await guestEvents.waitEvent("guest closed") { if case .serverClosed(1008, _) = $0 { true } else { false } }
            #expect(try await Self.request("DELETE", path, port: server.port).status == 404)

            #expect(try await Self.request("DELETE", "/admin/rooms/\(code)", port: server.port).status == 204)
            try await hostEvents.waitEvent("host closed") { if case .serverClosed(1000, _) = $0 { true } else { false } }
            #expect(try await Self.request("GET", "/admin/rooms", port: server.port).body == "[]")
            await host.close()
            await guest.close()
        } as Void
    }

    @Test func withoutATokenThereIsNoAdminAPI() async throws {
        let status = try await TestServer.with { server in
            try await Self.request("GET", "/admin/rooms", port: server.port).status
        }
        #expect(status == 404)
    }
}
