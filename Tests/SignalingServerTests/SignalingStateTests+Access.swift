import Foundation
import RTCTestSupport
import SignalingProtocol
@testable import SignalingServer
import Testing
import RTCBase

/// The access-token and moderation rules on the sans-IO state: roles, bans expiring on the
/// clock, and the room events the hub logs.
extension SignalingStateTests {
    static func grant(_ name: String, host: Bool) -> AccessGrant {
        AccessGrant(room: nil, name: name, mayCreate: host, mayHost: host, resumeOnly: false)
    }

    @Test mutating func aParticipantTokenIsPassedOverForHostAndMayNotRemove() throws {
        state.connected(ConnectionID(raw: 1), address: "192.0.2.1", grant: Self.grant("Ana", host: true))
        state.connected(ConnectionID(raw: 2), address: "192.0.2.2", grant: Self.grant("Ben", host: false))
        state.connected(ConnectionID(raw: 3), address: "192.0.2.3", grant: Self.grant("Cleo", host: true))
        guard case .roomCreated(let room) = Self.body(send(.createRoom(name: "x", password: nil), from: 1)) else {
            Issue.record("no room")
            return
        }
        guard case .error(let refused) = Self.body(send(.createRoom(name: "x", password: nil), from: 2)) else {
            Issue.record("a participant token created a room")
            return
        }
        #expect(refused.code == .unauthorized)
        let code = room.roomCode.value
        guard case .joined(let ben) = Self.body(send(.joinCode(roomCode: code, name: "x", password: nil), from: 2)),
            case .joined(let cleo) = Self.body(send(.joinCode(roomCode: code, name: "x", password: nil), from: 3))
        else {
            Issue.record("no joins")
            return
        }
        #expect(cleo.participants.map(\.name) == ["Ana", "Ben", "Cleo"])
        // The host leaves: Ben arrived first but may not host, so Cleo does.
        let actions = send(.leave, from: 1)
        #expect(actions.contains(.send(ConnectionID(raw: 2), .hostChanged(cleo.participantID))))
        _ = send(.leave, from: 3)
        // Only Ben is left: the room keeps a host (it must), but that host may not remove.
        state.connected(ConnectionID(raw: 4), address: "192.0.2.4", grant: Self.grant("Dan", host: true))
        guard case .joined(let dan) = Self.body(send(.joinCode(roomCode: code, name: "x", password: nil), from: 4)) else {
            Issue.record("no join")
            return
        }
        #expect(dan.hostID == ben.participantID)
        guard case .error(let error) = Self.body(send(.remove(participantID: dan.participantID), from: 2)) else {
            Issue.record("a participant-role host removed someone")
            return
        }
        #expect(error.code == .unauthorized)
    }

    @Test mutating func aRemovalBansForTenMinutesAndIsLogged() throws {
        state.connected(ConnectionID(raw: 1), address: "192.0.2.1")
        state.connected(ConnectionID(raw: 2), address: "192.0.2.2")
        guard case .roomCreated(let room) = Self.body(send(.createRoom(name: "Ana", password: nil), from: 1)),
            case .joined(let guest) = Self.body(
                send(.joinCode(roomCode: room.roomCode.value, name: "Ben", password: nil), from: 2))
        else {
            Issue.record("no room")
            return
        }
        _ = state.takeEvents()
        let actions = send(.remove(participantID: guest.participantID), from: 1)
        #expect(actions.first == .close(ConnectionID(raw: 2), .removed))
        #expect(actions.contains(.send(ConnectionID(raw: 1), .participantLeft(guest.participantID, reason: .removed))))
        #expect(state.takeEvents() == [.left(roomID: room.roomID, participantID: guest.participantID, why: "removed")])

        let join = ClientMessage.joinCode(roomCode: room.roomCode.value, name: "Ben", password: nil)
        state.connected(ConnectionID(raw: 3), address: "192.0.2.2")
        guard case .error(let banned) = Self.body(send(join, from: 3, at: .seconds(599))) else {
            Issue.record("back within the ban")
            return
        }
        #expect(banned.code == .unauthorized)
        guard case .joined = Self.body(send(join, from: 3, at: .seconds(600))) else {
            Issue.record("still banned after 10 minutes")
            return
        }
        _ = send(.leave, from: 3)
        _ = state.takeEvents()
        _ = send(.leave, from: 1)
        #expect(state.takeEvents() == [
            .left(roomID: room.roomID, participantID: room.participantID, why: "leave"),
            .roomClosed(roomID: room.roomID, code: room.roomCode),
        ])
    }
}
