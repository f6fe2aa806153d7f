import Foundation
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing

@Suite(.timeLimit(.minutes(1))) struct RoomLifecycleTests {
    @Test func createJoinByCodeAndByID() async throws {
        try await TestServer.with { server in
            let (host, hostEvents) = try await makeClient(server)
            let room = try await host.createRoom(name: "Ana")
            #expect(room.roomCode.value.count == 6)
            #expect(room.isHost)

            let (ben, _) = try await makeClient(server)
            let viaCode = try await ben.join(code: room.roomCode.value.lowercased(), name: "Ben")
            #expect(viaCode.roomID == room.roomID)
            #expect(viaCode.hostID == room.participantID)
            #expect(viaCode.participants.map(\.name) == ["Ana", "Ben"])
            #expect(viaCode.participants.map(\.role) == [.host, .participant])

            let (caro, _) = try await makeClient(server)
            let viaID = try await caro.join(roomID: room.roomID, name: "Caro")
            #expect(viaID.participants.map(\.name) == ["Ana", "Ben", "Caro"])

            let joinedNames = try await [
                hostEvents.waitMessage("Ben joined") { if case .participantJoined(let p) = $0 { p.name == "Ben" } else { false } },
                hostEvents.waitMessage("Caro joined") { if case .participantJoined(let p) = $0 { p.name == "Caro" } else { false } },
            ]
            #expect(joinedNames.count == 2)
            #expect(await host.membership?.participants.count == 3)
            for client in [host, ben, caro] { await client.close() }
        }
    }

    @Test func leaveNotifiesOthersAndHostMigratesToLongestPresent() async throws {
        try await TestServer.with { server in
            let (host, _) = try await makeClient(server)
            let room = try await host.createRoom(name: "Ana")
            let (ben, benEvents) = try await makeClient(server)
            let benID = try await ben.join(code: room.roomCode.value, name: "Ben").participantID
            let (caro, caroEvents) = try await makeClient(server)
            try await caro.join(code: room.roomCode.value, name: "Caro")

            try await host.leave()
            for events in [benEvents, caroEvents] {
                _ = try await events.waitMessage("host left") { $0 == .participantLeft(room.participantID) }
                _ = try await events.waitMessage("host changed") { $0 == .hostChanged(benID) }
            }
            #expect(await caro.membership?.hostID == benID)
            #expect(await caro.membership?.participants.first { $0.id == benID }?.role == .host)

            // A closed socket (no leave) with no grace counts as leaving too.
            await ben.close()
            _ = try await caroEvents.waitMessage("ben dropped") { $0 == .participantLeft(benID) }
            await caro.close()
            await host.close()
        } as Void
    }

    @Test func anEmptyRoomDisappearsWithItsCode() async throws {
        try await TestServer.with { server in
            let (host, _) = try await makeClient(server)
            let room = try await host.createRoom(name: "Ana")
            try await host.leave()
            let (late, _) = try await makeClient(server)
            // The leave is processed before this join: both go through the same server in order
            // only per connection, so retry briefly until the room is gone (bounded).
            var outcome: SignalingSessionError?
            for _ in 0..<50 {
                do {
                    try await late.join(code: room.roomCode.value, name: "Late")
                    try await late.leave()
                } catch let error as SignalingSessionError {
                    outcome = error
                    break
                }
            }
            #expect(outcome == .server(SignalingError(.roomNotFound, "no live room has code \(room.roomCode)")))
            await late.close()
            await host.close()
        } as Void
    }

    @Test func roomFull() async throws {
        try await TestServer.with({ $0.maxRoomSize = 3 }) { server in
            let (host, _) = try await makeClient(server)
            let room = try await host.createRoom(name: "Ana")
            var clients = [host]
            for name in ["Ben", "Caro"] {
                let (client, _) = try await makeClient(server)
                try await client.join(code: room.roomCode.value, name: name)
                clients.append(client)
            }
            let (extra, _) = try await makeClient(server)
            await #expect(throws: SignalingSessionError.self) { try await extra.join(code: room.roomCode.value, name: "Dev") }
            do {
                try await extra.join(code: room.roomCode.value, name: "Dev")
            } catch SignalingSessionError.server(let error) {
                #expect(error.code == .roomFull)
            }
            for client in clients + [extra] { await client.close() }
        } as Void
    }

    @Test func passwordProtectedRoom() async throws {
        try await TestServer.with { server in
            let (host, _) = try await makeClient(server)
            let room = try await host.createRoom(name: "Ana", password: "correct horse")
            let (guest, _) = try await makeClient(server)
            do {
                try await guest.join(code: room.roomCode.value, name: "Ben", password: "wrong")
                Issue.record("joined with a wrong password")
            } catch SignalingSessionError.server(let error) {
                #expect(error.code == .wrongPassword)
            }
            do {
                try await guest.join(code: room.roomCode.value, name: "Ben")
                Issue.record("joined with no password")
            } catch SignalingSessionError.server(let error) {
                #expect(error.code == .wrongPassword)
            }
            let joined = try await guest.join(code: room.roomCode.value, name: "Ben", password: "correct horse")
            #expect(joined.roomID == room.roomID)
            await guest.close()
            await host.close()
        } as Void
    }

    @Test func oneRoomPerConnection() async throws {
        try await TestServer.with { server in
            let (host, events) = try await makeClient(server)
            let room = try await host.createRoom(name: "Ana")
            // Raw frames: the client library itself refuses a second room before asking.
            try await host.sendRaw(ClientMessage.createRoom(name: "Again", password: nil).jsonText())
            try await host.sendRaw(ClientMessage.joinCode(roomCode: room.roomCode.value, name: "Again", password: nil).jsonText())
            let errors = try await events.waitMessages("two already-in-room errors", count: 2, isError(.alreadyInRoom))
            #expect(errors.count == 2)
            #expect(await host.membership?.roomID == room.roomID)
            await host.close()
        } as Void
    }

    @Test func invalidCodesAndUnknownRooms() async throws {
        try await TestServer.with { server in
            let (client, _) = try await makeClient(server)
            for (code, expected) in [("ABC", SignalingErrorCode.invalidCode), ("ABCDE0", .invalidCode), ("abcdef", .roomNotFound)] {
                do {
                    try await client.join(code: code, name: "Ben")
                    Issue.record("joined \(code)")
                } catch SignalingSessionError.server(let error) {
                    #expect(error.code == expected, "\(code)")
                }
            }
            do {
                try await client.join(roomID: UUID(), name: "Ben")
            } catch SignalingSessionError.server(let error) {
                #expect(error.code == .roomNotFound)
            }
            await client.close()
        } as Void
    }
}

