public import Foundation
public import SignalingProtocol

/// The client's current room, kept up to date from membership notices.
public struct RoomMembership: Hashable, Sendable {
    /// The room's ID.
    public var roomID: UUID
    /// The room's code.
    public var roomCode: RoomCode
    /// Our participant ID.
    public var participantID: UUID
    /// Token used to resume after a drop.
    public var resumeToken: String
    /// The current host.
    public var hostID: UUID
    /// Everyone in the room (ourselves included), in order of arrival.
    public var participants: [ParticipantInfo]
    /// STUN/TURN servers the server handed out.
    public var iceServers: [ICEServer]

    /// Whether we are the host.
    public var isHost: Bool { hostID == participantID }

    init(_ created: RoomCreated, name: String) {
        roomID = created.roomID
        roomCode = created.roomCode
        participantID = created.participantID
        resumeToken = created.resumeToken
        hostID = created.participantID
        participants = [ParticipantInfo(id: created.participantID, name: name, role: .host)]
        iceServers = created.iceServers
    }

    init(_ joined: RoomJoined) {
        roomID = joined.roomID
        roomCode = joined.roomCode
        participantID = joined.participantID
        resumeToken = joined.resumeToken
        hostID = joined.hostID
        participants = joined.participants
        iceServers = joined.iceServers
    }

    mutating func apply(_ message: ServerMessage) {
        switch message {
        case .participantJoined(let info):
            participants.removeAll { $0.id == info.id }
            participants.append(info)
        case .participantLeft(let id, _):
            participants.removeAll { $0.id == id }
        case .hostChanged(let id):
            hostID = id
            participants = participants.map { info in
                var info = info
                info.role = info.id == id ? .host : (info.role == .host ? .participant : info.role)
                return info
            }
        default:
            break
        }
    }
}
