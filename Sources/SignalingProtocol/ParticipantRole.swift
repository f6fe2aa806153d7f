/// A participant's role in a room.
///
/// The signaling server assigns `host` (exactly one per room) and `participant`; the engine may
/// layer `co-host` and `spectator` on top through its control channel.
public enum ParticipantRole: String, Codable, Hashable, Sendable {
    case host
    case coHost = "co-host"
    case participant
    case spectator
}
