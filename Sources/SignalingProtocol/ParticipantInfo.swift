public import Foundation

/// One member of a room as the server describes it: `{id, name, role}`.
public struct ParticipantInfo: Codable, Hashable, Sendable {
    /// Server-assigned participant ID.
    public var id: UUID
    /// Display name, at most the server's name limit (64 characters by default).
    public var name: String
    /// Role in the room.
    public var role: ParticipantRole

    /// Creates a participant description.
    public init(id: UUID, name: String, role: ParticipantRole) {
        self.id = id
        self.name = name
        self.role = role
    }
}
