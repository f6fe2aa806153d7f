public import Foundation

/// The body of `room-created`: the creator is now the room's host.
public struct RoomCreated: Codable, Hashable, Sendable {
    /// Server-assigned room ID.
    public var roomID: UUID
    /// The code others join with.
    public var roomCode: RoomCode
    /// The creator's participant ID.
    public var participantID: UUID
    /// Secret token to resume this membership from a new socket within the grace period.
    public var resumeToken: String
    /// STUN/TURN servers to use (TURN credentials are time-limited).
    public var iceServers: [ICEServer]

    /// Creates the body.
    public init(roomID: UUID, roomCode: RoomCode, participantID: UUID, resumeToken: String, iceServers: [ICEServer]) {
        self.roomID = roomID
        self.roomCode = roomCode
        self.participantID = participantID
        self.resumeToken = resumeToken
        self.iceServers = iceServers
    }
}
