public import Foundation

/// The body of `joined`: the joiner's identity and the full participant list (including itself).
public struct RoomJoined: Codable, Hashable, Sendable {
    /// The room's ID.
    public var roomID: UUID
    /// The room's code.
    public var roomCode: RoomCode
    /// The joiner's participant ID (the same one again after a resume).
    public var participantID: UUID
    /// Token to resume this membership later.
    public var resumeToken: String
    /// The current host.
    public var hostID: UUID
    /// Everyone in the room, in order of arrival.
    public var participants: [ParticipantInfo]
    /// STUN/TURN servers to use.
    public var iceServers: [ICEServer]

    /// Creates the body.
    public init(
        roomID: UUID, roomCode: RoomCode, participantID: UUID, resumeToken: String, hostID: UUID,
        participants: [ParticipantInfo], iceServers: [ICEServer]
    ) {
        self.roomID = roomID
        self.roomCode = roomCode
        self.participantID = participantID
        self.resumeToken = resumeToken
        self.hostID = hostID
        self.participants = participants
        self.iceServers = iceServers
    }
}
