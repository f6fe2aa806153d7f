import Foundation
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing

@Suite(.timeLimit(.minutes(1))) struct ScaleTests {
    @Test func twoHundredClientsInFiftyRoomsEndConsistent() async throws {
        try await TestServer.with { server in
            let rooms = 50
            let perRoom = 4
            // Hosts first, then guests join concurrently.
            let hosts = try await withThrowingTaskGroup(of: (SignalingSession, EventRecorder, RoomMembership).self) { group in
                for index in 0..<rooms {
                    group.addTask {
                        let (client, events) = try await makeClient(server)
                        return (client, events, try await client.createRoom(name: "host\(index)"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let guests = try await withThrowingTaskGroup(of: (SignalingSession, RoomMembership).self) { group in
                for (hostIndex, host) in hosts.enumerated() {
                    for guest in 1..<perRoom {
                        let code = host.2.roomCode.value
                        group.addTask {
                            let (client, _) = try await makeClient(server)
                            return (client, try await client.join(code: code, name: "g\(hostIndex)-\(guest)"))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(hosts.map(\.2.roomCode)).count == rooms)
            #expect(guests.count == rooms * (perRoom - 1))
            // Every host ends up seeing exactly its guests, and each guest list matches the server's.
            for (client, events, room) in hosts {
                let expected = Set(guests.filter { $0.1.roomID == room.roomID }.map(\.1.participantID))
                #expect(expected.count == perRoom - 1)
                try await events.until("host \(room.roomCode) sees its guests") { events in
                    let joined = EventRecorder.messages(in: events).compactMap { message -> UUID? in
                        if case .participantJoined(let info) = message { info.id } else { nil }
                    }
                    return Set(joined) == expected
                }
                #expect(Set(await client.membership?.participants.map(\.id) ?? []) == expected.union([room.participantID]))
            }
            for guest in guests { await guest.0.close() }
            for host in hosts { await host.0.close() }
        } as Void
    }
}
