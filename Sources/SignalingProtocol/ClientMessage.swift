public import Foundation

/// A message from a client to the signaling server (protocol v1, see docs/PROTOCOL.md).
///
/// On the wire each is one JSON object in a WebSocket text frame, discriminated by `"type"`.
public enum ClientMessage: Hashable, Sendable {
    /// `create-room {name?, password?}`: create a room and become its host (a missing name is "Guest").
    case createRoom(name: String, password: String?)
    /// `join {roomID, name?, password?, resumeToken?}`: join by room ID (`sessionID` is accepted
    /// as the integration guide's name for it), or resume a dropped membership when `resumeToken`
    /// is given (then `name` is nil); a missing name without a token decodes as "Guest".
    case join(roomID: UUID, name: String?, password: String?, resumeToken: String?)
    /// `join-code {roomCode, name?, password?}`: join by the 6-character code (a missing name is "Guest").
    case joinCode(roomCode: String, name: String, password: String?)
    /// `offer {to?, sdp}`: relay an SDP offer to one participant, or with `to` nil (the
    /// integration guide's form) to every other member of the room.
    case offer(to: UUID?, sdp: String)
    /// `answer {to?, sdp}`: relay an SDP answer; `to` nil broadcasts as for `offer`.
    case answer(to: UUID?, sdp: String)
    /// `candidate {to?, candidate}`: relay a trickled ICE candidate; `to` nil broadcasts as for `offer`.
    case candidate(to: UUID?, candidate: ICECandidateInit)
    /// `leave`: leave the room; the connection stays open.
    case leave
    /// `ping`: the server answers `pong`.
    case ping
    /// `ice-servers`: asks for fresh STUN/TURN servers (TURN credentials expire); answered with
    /// `ice-servers {iceServers}`. An addition to v1 that older clients never send.
    case refreshICEServers
    /// `remove {participantID}`: the host removes a participant from its room; the removed one
    /// is closed and cannot rejoin that room for 10 minutes. An addition to v1; only the host
    /// may send it (others get `unauthorized`).
    case remove(participantID: UUID)

    /// The display name a client gets when it sends none (what the integration guide's server does).
    public static let defaultName = "Guest"

    /// The wire `type` of this message.
    public var type: String {
        switch self {
        case .createRoom: "create-room"
        case .join: "join"
        case .joinCode: "join-code"
        case .offer: "offer"
        case .answer: "answer"
        case .candidate: "candidate"
        case .leave: "leave"
        case .ping: "ping"
        case .refreshICEServers: "ice-servers"
        case .remove: "remove"
        }
    }
}
