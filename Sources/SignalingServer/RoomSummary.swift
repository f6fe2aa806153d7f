public import Foundation
public import SignalingProtocol

/// One live room as the admin API shows it.
public struct RoomSummary: Sendable, Equatable, Codable {
    /// The room's code.
    public let code: RoomCode
    /// Participants, counting those within their resume grace.
    public let size: Int
    /// Seconds since it was created.
    public let ageSeconds: Int
    /// Its members in order of arrival (only in the detail view).
    public let participants: [Participant]?

    enum CodingKeys: String, CodingKey {
        case code, size, ageSeconds = "age", participants
    }

    /// One member as the admin API shows it.
    public struct Participant: Sendable, Equatable, Codable {
        public let id: UUID
        public let name: String
        public let role: ParticipantRole
        /// False while it is away within its resume grace.
        public let connected: Bool
    }
}
