import Foundation
import SignalingClient
import SignalingProtocol

/// The room as the server described it on entering or resuming: what the core needs of a
/// `RoomMembership`, constructible in tests.
struct RoomSnapshot: Sendable, Equatable {
    var roomID: UUID
    var roomCode: String
    var participantID: UUID
    var hostID: UUID
    /// Everyone, ourselves included, in order of arrival.
    var participants: [ParticipantInfo]
    var iceServers: [ICEServer]

    init(roomID: UUID, roomCode: String, participantID: UUID, hostID: UUID, participants: [ParticipantInfo],
         iceServers: [ICEServer] = []) {
        self.roomID = roomID
        self.roomCode = roomCode
        self.participantID = participantID
        self.hostID = hostID
        self.participants = participants
        self.iceServers = iceServers
    }

    init(_ membership: RoomMembership) {
        self.init(roomID: membership.roomID, roomCode: membership.roomCode.value, participantID: membership.participantID,
                  hostID: membership.hostID, participants: membership.participants, iceServers: membership.iceServers)
    }
}
