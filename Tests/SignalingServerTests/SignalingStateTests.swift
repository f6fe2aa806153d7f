import Foundation
import RTCTestSupport
import SignalingProtocol
@testable import SignalingServer
import Testing

/// The membership rules on the sans-IO state, with a fixed clock and a seeded random source:
/// the cases a live test cannot order deterministically (a message racing a dying socket).
@Suite struct SignalingStateTests {
    var state = SignalingState(configuration: SignalingServerConfiguration()) { _, _ in [] }
    var random = SeededRandom(seed: 42)
    let t0 = ContinuousClock.now

    mutating func send(_ message: ClientMessage, from connection: UInt64, at offset: Duration = .zero) -> [SignalingAction] {
        state.receive(message, from: ConnectionID(raw: connection), now: t0 + offset, random: &random)
    }

    static func body(_ actions: [SignalingAction]) -> ServerMessage? {
        if case .send(_, let message) = actions.first { message } else { nil }
    }

    @Test mutating func messagesForAnAwayMemberAreKeptAndDeliveredOnResume() throws {
        state.connected(ConnectionID(raw: 1), address: "10.0.0.1")
        state.connected(ConnectionID(raw: 2), address: "10.0.0.2")
        guard case .roomCreated(let room) = Self.body(send(.createRoom(name: "Ana", password: nil), from: 1)) else {
            Issue.record("no room")
            return
        }
        guard case .joined(let guest) = Self.body(send(.joinCode(roomCode: room.roomCode.value, name: "Ben", password: nil), from: 2)) else {
            Issue.record("no join")
            return
        }
        let away = state.disconnected(ConnectionID(raw: 2), now: t0)
        #expect(away == [.expireGrace(roomID: room.roomID, participantID: guest.participantID, at: t0 + .seconds(15))])

        #expect(send(.offer(to: guest.participantID, sdp: "kept"), from: 1).isEmpty)
        state.connected(ConnectionID(raw: 3), address: "10.0.0.2")
        let resumed = send(.join(roomID: room.roomID, name: nil, password: nil, resumeToken: guest.resumeToken), from: 3, at: .seconds(5))
        #expect(resumed.count == 2)
        guard case .send(let to, .joined(let again)) = resumed.first else {
            Issue.record("no joined")
            return
        }
        #expect(to == ConnectionID(raw: 3))
        #expect(again.participantID == guest.participantID)
        #expect(resumed.last == .send(ConnectionID(raw: 3), .offer(from: room.participantID, sdp: "kept")))
        // The grace timer that fires later finds the member back and does nothing.
        #expect(state.expireGrace(roomID: room.roomID, participantID: guest.participantID, now: t0 + .seconds(15)).isEmpty)
    }

    @Test mutating func resumeOnANewSocketClosesAHalfOpenOldOne() {
        state.connected(ConnectionID(raw: 1), address: "a")
        guard case .roomCreated(let room) = Self.body(send(.createRoom(name: "Ana", password: nil), from: 1)) else { return }
        state.connected(ConnectionID(raw: 2), address: "a")
        let actions = send(.join(roomID: room.roomID, name: nil, password: nil, resumeToken: room.resumeToken), from: 2)
        #expect(actions.first == .close(ConnectionID(raw: 1), .replaced))
        // The old socket's late close must not take the member away.
        #expect(state.disconnected(ConnectionID(raw: 1), now: t0).isEmpty)
        #expect(state.rooms[room.roomID]?.members.first?.connection == ConnectionID(raw: 2))
    }

    @Test mutating func aWrongResumeTokenIsAFailedAttempt() {
        state.connected(ConnectionID(raw: 1), address: "a")
        guard case .roomCreated(let room) = Self.body(send(.createRoom(name: "Ana", password: nil), from: 1)) else { return }
        state.connected(ConnectionID(raw: 2), address: "b")
        for _ in 0..<10 {
            let reply = Self.body(send(.join(roomID: room.roomID, name: nil, password: nil, resumeToken: "guess"), from: 2))
            #expect(reply == .error(SignalingError(.roomNotFound, "no membership to resume in that room")))
        }
        let locked = Self.body(send(.join(roomID: room.roomID, name: nil, password: nil, resumeToken: room.resumeToken), from: 2))
        guard case .error(let error) = locked else {
            Issue.record("resumed while locked out")
            return
        }
        #expect(error.code == .rateLimited)
        // The window slides: a minute later the right token works.
        let later = send(.join(roomID: room.roomID, name: nil, password: nil, resumeToken: room.resumeToken), from: 2, at: .seconds(61))
        guard case .joined = Self.body(later.filter { if case .send(ConnectionID(raw: 2), _) = $0 { true } else { false } }) else {
            Issue.record("not resumed after the window: \(later)")
            return
        }
    }

    @Test mutating func codesAreUniqueAndFromTheAlphabet() {
        var codes = Set<RoomCode>()
        for index in 0..<500 {
            state.connected(ConnectionID(raw: UInt64(index)), address: "x")
            guard case .roomCreated(let room) = Self.body(send(.createRoom(name: "n", password: nil), from: UInt64(index))) else {
                Issue.record("create failed")
                return
            }
            #expect(room.roomCode.value.allSatisfy { RoomCode.alphabet.contains($0) })
            codes.insert(room.roomCode)
        }
        #expect(codes.count == 500)
    }
}
