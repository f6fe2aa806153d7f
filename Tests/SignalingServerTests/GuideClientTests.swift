import Foundation
import RTCTestSupport
import SignalingProtocol
import SignalingServer
import Testing
import RTCBase

/// Issue 17: an app written from the integration guide works against `collab serve` unchanged.
/// Its client connects without a path, sends JSON in binary frames, joins by `sessionID` or code
/// without a name, and relays without `to` (the room gets it).
@Suite(.timeLimit(.minutes(1))) struct GuideClientTests {
    typealias Message = GuideSignalingMessage

    /// Reads the next data frame and decodes it as the guide's client does.
    static func next(_ socket: inout RawWebSocket) async throws -> Message {
        let frameReceived = try await socket.receive()
        let frame = try #require(frameReceived, "socket closed")
        #expect(frame.opcode == RawWebSocketFrame.text)
        return try JSONDecoder().decode(Message.self, from: Data(frame.payload))
    }

    /// The same frame as plain JSON, for the fields the guide's struct does not have.
    static func object(_ socket: inout RawWebSocket) async throws -> [String: Any] {
        let frameReceived = try await socket.receive()
        let frame = try #require(frameReceived, "socket closed")
        let value = try JSONSerialization.jsonObject(with: Data(frame.payload))
        return try #require(value as? [String: Any])
    }

    @Test func threeGuideClientsCreateJoinAndRelayThroughTheRoom() async throws {
        try await TestServer.with { server in
            try await withTimeout(.seconds(30), "guide scenario") {
                try await Self.scenario(port: server.port)
            }
        } as Void
    }

    static func scenario(port: Int) async throws {
        try await RawWebSocket.with(port: port, path: "/") { ana in
            #expect(ana.upgraded)
            try await ana.sendBinary(Message(type: "create-room").frameBytes)
            let created = try await object(&ana)
            #expect(created["type"] as? String == "room-created")
            let code = try #require(created["roomCode"] as? String)
            let roomID = try #require((created["roomID"] as? String).flatMap(UUID.init(uuidString:)))
            let anaID = try #require((created["participantID"] as? String).flatMap(UUID.init(uuidString:)))

            try await RawWebSocket.with(port: port, path: "/") { ben in
                try await ben.sendBinary(Message(type: "join-code", roomCode: code).frameBytes)
                let benJoined = try await object(&ben)
                #expect(benJoined["type"] as? String == "joined")
                let benID = try #require((benJoined["participantID"] as? String).flatMap(UUID.init(uuidString:)))
                let seen = try await next(&ana)
                #expect(seen == Message(type: "participant-joined", participant: .init(id: benID, name: "Guest")))

                try await RawWebSocket.with(port: port, path: "/") { caro in
                    try await caro.sendBinary(Message(type: "join", sessionID: roomID).frameBytes)
                    let caroJoined = try await object(&caro)
                    #expect(caroJoined["type"] as? String == "joined")
                    let caroID = try #require((caroJoined["participantID"] as? String).flatMap(UUID.init(uuidString:)))
                    let caroNotice = Message(type: "participant-joined", participant: .init(id: caroID, name: "Guest"))
                    let anaSaw = try await next(&ana)
                    let benSaw = try await next(&ben)
                    #expect(anaSaw == caroNotice)
                    #expect(benSaw == caroNotice)
                    try await relays(ana: &ana, ben: &ben, caro: &caro, anaID: anaID, benID: benID)

                    // The guide's server answers `leave` with participant-left {participantID} to the rest.
                    try await caro.sendBinary(Message(type: "leave").frameBytes)
                    let anaLeft = try await next(&ana)
                    let benLeft = try await next(&ben)
                    #expect(anaLeft == Message(type: "participant-left", participantID: caroID))
                    #expect(benLeft == Message(type: "participant-left", participantID: caroID))
                }
            }
        }
    }

    /// Offer, answer and two candidates without `to`: every other member gets each, stamped `from`.
    static func relays(
        ana: inout RawWebSocket, ben: inout RawWebSocket, caro: inout RawWebSocket, anaID: UUID, benID: UUID
    ) async throws {
        try await ana.sendBinary(Message(type: "offer", sdp: "v=0 offer").frameBytes)
        let benOffer = try await object(&ben)
        let caroOffer = try await object(&caro)
        for offer in [benOffer, caroOffer] {
            #expect(offer["type"] as? String == "offer")
            #expect(offer["sdp"] as? String == "v=0 offer")
            #expect(offer["from"] as? String == anaID.uuidString)
        }
        try await ben.sendBinary(Message(type: "answer", sdp: "v=0 answer").frameBytes)
        let answer = try await next(&ana)
        #expect(answer == Message(type: "answer", sdp: "v=0 answer"))
        let answerSeenByCaro = try await object(&caro)
        #expect(answerSeenByCaro["from"] as? String == benID.uuidString)
        let candidates = [
            Message.ICECandidate(sdpMid: "0", sdpMLineIndex: 0, candidate: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host"),
            Message.ICECandidate(sdpMid: "0", sdpMLineIndex: 0, candidate: "candidate:2 1 udp 2122260223 127.0.0.1 50001 typ host"),
        ]
        for candidate in candidates {
            try await ana.sendBinary(Message(type: "candidate", candidate: candidate).frameBytes)
        }
        for candidate in candidates {
            let benGot = try await next(&ben)
            let caroGot = try await next(&caro)
            #expect(benGot == Message(type: "candidate", candidate: candidate))
            #expect(caroGot == Message(type: "candidate", candidate: candidate))
        }
    }

    @Test func guideErrorsCarryAMessage() async throws {
        try await TestServer.with { server in
            try await withTimeout(.seconds(20), "error shape") {
                try await RawWebSocket.with(port: server.port, path: "/") { socket in
                    try await socket.sendBinary(Message(type: "join-code", roomCode: "ZZZZZZ").frameBytes)
                    let error = try await Self.object(&socket)
                    #expect(error["type"] as? String == "error")
                    #expect(error["code"] as? String == "room-not-found")
                    #expect((error["message"] as? String)?.isEmpty == false)
                }
            }
        } as Void
    }

    @Test func plainGetOfRootIsNotAWebSocket() async throws {
        try await TestServer.with { server in
            // Only `Upgrade: websocket` becomes a WebSocket at `/`; a plain GET gets the browser app.
            let response = try await RawHTTP.get(port: server.port, path: "/")
            #expect(response.hasPrefix("HTTP/1.1 200"))
            #expect(response.lowercased().contains("content-type: text/html"))
            let elsewhere = try await RawWebSocket.with(port: server.port, path: "/nope") { $0.responseHead }
            #expect(!elsewhere.hasPrefix("HTTP/1.1 101"))
        } as Void
    }

    @Test func invalidUTF8InABinaryFrameClosesWith1007() async throws {
        try await TestServer.with { server in
            let code = try await withTimeout(.seconds(20), "1007") {
                try await RawWebSocket.with(port: server.port, path: "/") { socket in
                    try await socket.sendBinary([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D])
                    return try await socket.closeCode()
                }
            }
            #expect(code == 1007)
        } as Void
    }
}
