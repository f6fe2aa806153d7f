import Foundation
import SignalingProtocol

/// The room the engine is in, as the core sees it. Membership is kept here and nowhere else:
/// every participant the server lists (except us) is in `order`, and in exactly one of `peers`
/// (we hold a peer and link for it) or `lost` (removed as lost; met again later).
struct RoomState: Sendable {
    var session: CollaborationSession
    var localID: UUID
    var hostID: UUID
    var localRole: ParticipantRole
    var localMuted = false
    /// Whether we record, and whether we ever did in this room (then every new link is told).
    var localRecording = false
    var recordingAnnounced = false
    var keys: RoomKeys?
    var iceServers: [ICEServer]
    /// Arrival order of the other participants, for a stable listing.
    var order: [UUID] = []
    var peers: [UUID: PeerRecord] = [:]
    /// Participants removed as lost whom the server still lists, and when they were removed.
    var lost: [UUID: (info: ParticipantInfo, at: Int64)] = [:]

    /// Whether `remote` is listed in the room (as a peer or as lost).
    func isMember(_ remote: UUID) -> Bool { peers[remote] != nil || lost[remote] != nil }
}
