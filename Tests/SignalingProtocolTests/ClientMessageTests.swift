import Foundation
import SignalingProtocol
import Testing

@Suite struct ClientMessageTests {
    static let peer = UUID(uuidString: "6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D")!

    @Test(arguments: [
        ClientMessage.createRoom(name: "Ana", password: nil),
        .createRoom(name: "Ana", password: "s3cret"),
        .join(roomID: peer, name: "Ben", password: "pw", resumeToken: nil),
        .join(roomID: peer, name: nil, password: nil, resumeToken: "tok"),
        .joinCode(roomCode: "K7QX2M", name: "Caro", password: nil),
        .offer(to: peer, sdp: "v=0\r\n"),
        .answer(to: peer, sdp: "v=0\r\n"),
        .candidate(to: peer, candidate: ICECandidateInit(candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0)),
        .offer(to: nil, sdp: "v=0\r\n"),
        .candidate(to: nil, candidate: ICECandidateInit(candidate: "", sdpMid: "0", sdpMLineIndex: 0)),
        .leave,
        .ping,
    ])
    func roundTrips(_ message: ClientMessage) throws {
        let text = message.jsonText()
        #expect(try ClientMessage.decode(Data(text.utf8)) == message)
        #expect(text.contains("\"type\":\"\(message.type)\""))
    }

    @Test(arguments: [
        ("not json", SignalingErrorCode.badMessage),
        ("[1,2]", .badMessage),
        ("{}", .badMessage),
        (#"{"type":42}"#, .badMessage),
        (#"{"type":"dance"}"#, .unknownType),
        (#"{"type":"offer","to":"not-a-uuid","sdp":"x"}"#, .badMessage),
        (#"{"type":"offer"}"#, .badMessage),
        (#"{"type":"join","name":"Ben"}"#, .badMessage),
        (#"{"type":"join","sessionID":"not-a-uuid"}"#, .badMessage),
        (#"{"type":"join","roomID":"6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D","sessionID":"00000000-0E0B-4C44-9B62-3D5C1A2B3C4D"}"#, .badMessage),
        (#"{"type":"create-room","name":7}"#, .badMessage),
        (#"{"type":"ping","v":2}"#, .unsupportedVersion),
        (#"{"type":"ping","v":"one"}"#, .badMessage),
        (#"{"type":"candidate","to":"6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D","candidate":{"sdpMid":"0"}}"#, .badMessage),
    ])
    func rejectsBadInput(_ input: String, _ code: SignalingErrorCode) {
        #expect(throws: SignalingError.self) { try ClientMessage.decode(Data(input.utf8)) }
        do {
            _ = try ClientMessage.decode(Data(input.utf8))
        } catch {
            #expect(error.code == code, "\(input) -> \(error)")
        }
    }

    @Test func versionOneIsAccepted() throws {
        #expect(try ClientMessage.decode(Data(#"{"type":"ping","v":1}"#.utf8)) == .ping)
    }

    @Test func missingFieldIsNamed() {
        do {
            _ = try ClientMessage.decode(Data(#"{"type":"offer","to":"6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D"}"#.utf8))
            Issue.record("decoded")
        } catch {
            #expect(error.message.contains("'sdp'"))
        }
    }

    /// The integration guide's client: `sessionID` for `roomID`, no `name`, relays without `to`.
    @Test(arguments: [
        (#"{"type":"create-room"}"#, ClientMessage.createRoom(name: "Guest", password: nil)),
        (#"{"type":"join","sessionID":"6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D"}"#, .join(roomID: peer, name: "Guest", password: nil, resumeToken: nil)),
        (#"{"type":"join","roomID":"6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D"}"#, .join(roomID: peer, name: "Guest", password: nil, resumeToken: nil)),
        (#"{"type":"join","roomID":"6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D","sessionID":"6F1C2B7E-0E0B-4C44-9B62-3D5C1A2B3C4D"}"#, .join(roomID: peer, name: "Guest", password: nil, resumeToken: nil)),
        (#"{"type":"join-code","roomCode":"K7QX2M"}"#, .joinCode(roomCode: "K7QX2M", name: "Guest", password: nil)),
        (#"{"type":"offer","sdp":"x"}"#, .offer(to: nil, sdp: "x")),
        (#"{"type":"answer","sdp":"x"}"#, .answer(to: nil, sdp: "x")),
        (#"{"type":"candidate","candidate":{"sdpMid":"0","sdpMLineIndex":0,"candidate":"candidate:1 1 udp 1 127.0.0.1 5000 typ host"}}"#,
         .candidate(to: nil, candidate: ICECandidateInit(candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0))),
    ])
    func decodesTheGuideForms(_ input: String, _ expected: ClientMessage) throws {
        #expect(try ClientMessage.decode(Data(input.utf8)) == expected)
    }
}
