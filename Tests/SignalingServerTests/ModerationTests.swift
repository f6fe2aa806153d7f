import Foundation
import RTCTestSupport
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing

/// Issue 12, host moderation: `remove` (host only) closes the participant and keeps it out.
@Suite(.timeLimit(.minutes(1))) struct ModerationTests {
    @Test func theHostRemovesAParticipantWhoCannotComeBack() async throws {
        try await TestServer.with { server in
            let (host, hostEvents) = try await makeClient(server)
            let (guest, guestEvents) = try await makeClient(server, reconnect: false)
            let (other, otherEvents) = try await makeClient(server)
            let room = try await host.createRoom(name: "Host")
            let guestMembership = try await guest.join(code: room.roomCode.value, name: "Guest")
            let otherMembership = try await other.join(code: room.roomCode.value, name: "Other")

            // Only the host may remove.
            try await other.remove(participant: guestMembership.participantID)
            try await otherEvents.waitMessage("unauthorized for a non-host", isError(.unauthorized))

            try await host.remove(participant: guestMembership.participantID)
            let removed: @Sendable (ServerMessage) -> Bool = {
                $0 == .participantLeft(guestMembership.participantID, reason: .removed)
            }
            try await hostEvents.waitMessage("host told", removed)
            try await otherEvents.waitMessage("other told", removed)
            try await guestEvents.waitEvent("guest closed with 1008") { $0 == .serverClosed(code: 1008, reason: "removed from the room") }

            // Same address, fresh connection: refused for now, with a typed error.
            let (again, _) = try await makeClient(server, reconnect: false)
            await #expect(throws: SignalingSessionError.server(SignalingError(
                .unauthorized, "removed from this room by its host; try again later"))) {
                try await again.join(code: room.roomCode.value, name: "Guest Again")
            }
            // Removing yourself or a stranger is not a thing.
            try await host.remove(participant: UUID())
            try await hostEvents.waitMessage("unknown target", isError(.unknownTarget))
            #expect(otherMembership.participantID != guestMembership.participantID)
            for client in [host, guest, other, again] { await client.close() }
        } as Void
    }

    @Test func removeNeedsAParticipantID() throws {
        #expect(throws: SignalingError.self) { try ClientMessage.decode(Data(#"{"type":"remove"}"#.utf8)) }
        let message = ClientMessage.remove(participantID: UUID())
        #expect(try ClientMessage.decode(Data(message.jsonText().utf8)) == message)
    }
}
