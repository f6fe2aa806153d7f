import Foundation
import SignalingProtocol
import Testing

@Suite struct ServerMessageTests {
    static let id = UUID(uuidString: "0E1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D")!
    static let code = try! RoomCode("k7qx2m")
    static let tricky = "quote \" backslash \\ slash / newline \n cr \r tab \t nul \u{0} bell \u{7} esc \u{1B} é 🎹 \u{2028}"

    @Test(arguments: [
        ServerMessage.roomCreated(RoomCreated(roomID: id, roomCode: code, participantID: id, resumeToken: "t", iceServers: [ICEServer(urls: ["stun:127.0.0.1:3478"])])),
        .joined(RoomJoined(roomID: id, roomCode: code, participantID: id, resumeToken: "t", hostID: id,
                           participants: [ParticipantInfo(id: id, name: "Ana", role: .host)], iceServers: [])),
        .participantJoined(ParticipantInfo(id: id, name: tricky, role: .participant)),
        .participantLeft(id),
        .hostChanged(id),
        .offer(from: id, sdp: tricky),
        .answer(from: id, sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"),
        .candidate(from: id, candidate: ICECandidateInit(candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0)),
        .candidate(from: id, candidate: ICECandidateInit(candidate: "")),
        .error(SignalingError(.roomFull, tricky)),
        .error(SignalingError(.unknown("from-the-future"), "x")),
        .pong,
    ])
    func roundTrips(_ message: ServerMessage) throws {
        #expect(try ServerMessage.decode(Data(message.jsonText().utf8)) == message)
    }

    /// The hand-written writer must mean the same JSON as Foundation's encoder.
    @Test func handWrittenJSONMatchesJSONEncoder() throws {
        let messages: [ServerMessage] = [.offer(from: Self.id, sdp: Self.tricky), .error(SignalingError(.badMessage, Self.tricky))]
        for message in messages {
            let ours = try JSONSerialization.jsonObject(with: Data(message.jsonText().utf8)) as? NSDictionary
            let foundation = try JSONSerialization.jsonObject(with: JSONEncoder().encode(message)) as? NSDictionary
            #expect(ours != nil)
            #expect(ours == foundation)
        }
        let client = ClientMessage.offer(to: Self.id, sdp: Self.tricky)
        let ours = try JSONSerialization.jsonObject(with: Data(client.jsonText().utf8)) as? NSDictionary
        let foundation = try JSONSerialization.jsonObject(with: JSONEncoder().encode(client)) as? NSDictionary
        #expect(ours == foundation)
    }

    @Test func unknownServerTypeIsATypedError() {
        #expect(throws: SignalingError(.unknownType, "unknown message type 'hologram'")) {
            try ServerMessage.decode(Data(#"{"type":"hologram"}"#.utf8))
        }
    }
}
