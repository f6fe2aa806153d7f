import Foundation
import RTCTestSupport
import SignalingProtocol
@testable import SignalingServer
import Testing
import RTCBase

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
            // One address each: the per-address room cap is not what this test is about.
            state.connected(ConnectionID(raw: UInt64(index)), address: "10.0.\(index / 256).\(index % 256)")
            guard case .roomCreated(let room) = Self.body(send(.createRoom(name: "n", password: nil), from: UInt64(index))) else {
                Issue.record("create failed")
                return
            }
            #expect(room.roomCode.value.allSatisfy { RoomCode.alphabet.contains($0) })
            codes.insert(room.roomCode)
        }
        #expect(codes.count == 500)
    }

    @Test mutating func namesAreLimitedInUTF8BytesToo() {
        state.connected(ConnectionID(raw: 1), address: "a")
        // One grapheme of 60 KB: under the character limit, far over the byte limit.
        let heavy = "a" + String(repeating: "\u{0301}", count: 30_000)
        #expect(heavy.count == 1)
        guard case .error(let error) = Self.body(send(.createRoom(name: heavy, password: nil), from: 1)) else {
            Issue.record("a 60 KB name was accepted")
            return
        }
        #expect(error.code == .badMessage)
        #expect(error.message.contains("bytes"))
        let fits = String(repeating: "é", count: 64)  // 64 characters, 128 bytes
        guard case .roomCreated = Self.body(send(.createRoom(name: fits, password: nil), from: 1)) else {
            Issue.record("a 128-byte name was refused")
            return
        }
    }

    @Test mutating func aRelayWithoutTargetReachesEveryOtherMemberStampedWithFrom() {
        for raw in 1...3 { state.connected(ConnectionID(raw: UInt64(raw)), address: "a") }
        guard case .roomCreated(let room) = Self.body(send(.createRoom(name: "Guest", password: nil), from: 1)) else { return }
        _ = send(.joinCode(roomCode: room.roomCode.value, name: "Guest", password: nil), from: 2)
        _ = send(.join(roomID: room.roomID, name: "Guest", password: nil, resumeToken: nil), from: 3)
        let actions = send(.offer(to: nil, sdp: "x"), from: 1)
        let expected: [SignalingAction] = [UInt64(2), 3].map { .send(ConnectionID(raw: $0), .offer(from: room.participantID, sdp: "x")) }
        #expect(actions == expected)
    }

    @Test mutating func roomsPerAddressAreCappedUntilOneCloses() {
        var configuration = SignalingServerConfiguration()
        configuration.maxRoomsPerAddress = 1
        state = SignalingState(configuration: configuration) { _, _ in [] }
        for raw in 1...4 { state.connected(ConnectionID(raw: UInt64(raw)), address: raw >= 3 ? "127.0.0.1" : "192.0.2.7") }
        guard case .roomCreated = Self.body(send(.createRoom(name: "Ana", password: nil), from: 1)) else {
            Issue.record("first room refused")
            return
        }
        guard case .error(let error) = Self.body(send(.createRoom(name: "Ben", password: nil), from: 2)) else {
            Issue.record("second room from the same address accepted")
            return
        }
        #expect(error.code == .rateLimited)
        _ = send(.leave, from: 1)
        guard case .roomCreated = Self.body(send(.createRoom(name: "Ben", password: nil), from: 2)) else {
            Issue.record("the room that closed still counts")
            return
        }
        // Loopback is exempt unless `limitLoopback`.
        for raw in [3, 4] {
            guard case .roomCreated = Self.body(send(.createRoom(name: "Caro", password: nil), from: UInt64(raw))) else {
                Issue.record("loopback was capped")
                return
            }
        }
    }
}
