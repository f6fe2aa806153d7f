public import Foundation

/// A message from the signaling server to a client (protocol v1, see docs/PROTOCOL.md).
public enum ServerMessage: Hashable, Sendable {
    /// `room-created`: answer to `create-room`.
    case roomCreated(RoomCreated)
    /// `joined`: answer to `join` / `join-code`, also after a resume.
    case joined(RoomJoined)
    /// `participant-joined {participant}`: someone new is in the room.
    case participantJoined(ParticipantInfo)
    /// `participant-left {participantID, reason?}`: someone left, or their grace period ran out
    /// (no reason), or the server removed them (`reason`, e.g. ``LeaveReason/tooSlow``).
    case participantLeft(UUID, reason: LeaveReason? = nil)
    /// `host-changed {hostID}`: the host left and this participant took over.
    case hostChanged(UUID)
    /// `offer {from, sdp}`: relayed; `from` is stamped by the server.
    case offer(from: UUID, sdp: String)
    /// `answer {from, sdp}`: relayed; `from` is stamped by the server.
    case answer(from: UUID, sdp: String)
    /// `candidate {from, candidate}`: relayed; `from` is stamped by the server.
    case candidate(from: UUID, candidate: ICECandidateInit)
    /// `error {code, message}`.
    case error(SignalingError)
    /// `pong`: answer to `ping`.
    case pong
    /// `ice-servers {iceServers}`: answer to `ice-servers`, with fresh TURN credentials.
    case iceServers([ICEServer])

    /// The wire `type` of this message.
    public var type: String {
        switch self {
        case .roomCreated: "room-created"
        case .joined: "joined"
        case .participantJoined: "participant-joined"
        case .participantLeft: "participant-left"
        case .hostChanged: "host-changed"
        case .offer: "offer"
        case .answer: "answer"
        case .candidate: "candidate"
        case .error: "error"
        case .pong: "pong"
        case .iceServers: "ice-servers"
        }
    }
}
