public import Foundation

/// The session the engine is in: what `createSession()` and `join(...)` return.
public struct CollaborationSession: Hashable, Sendable {
    /// The room's ID (join by ID with it).
    public let roomID: UUID
    /// The room's six-character code, to share with the others.
    public let roomCode: String
    /// Our participant ID in the room.
    public let localParticipantID: UUID
    /// The host's participant ID when the session started (see `CollaborationEngine.hostID`).
    public let hostID: UUID

    /// Whether we were host when the session started.
    public var isHost: Bool { hostID == localParticipantID }
}
