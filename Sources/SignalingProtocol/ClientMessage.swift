public import Foundation

/// A message from a client to the signaling server (protocol v1, see docs/PROTOCOL.md).
///
/// On the wire each is one JSON object in a WebSocket text frame, discriminated by `"type"`.
public enum ClientMessage: Hashable, Sendable {
    /// `create-room {name, password?}`: create a room and become its host.
    case createRoom(name: String, password: String?)
    /// `join {roomID, name, password?, resumeToken?}`: join by room ID, or resume a dropped
    /// membership when `resumeToken` is given (then `name` may be omitted).
    case join(roomID: UUID, name: String?, password: String?, resumeToken: String?)
    /// `join-code {roomCode, name, password?}`: join by the 6-character code.
    case joinCode(roomCode: String, name: String, password: String?)
    /// `offer {to, sdp}`: relay an SDP offer to one participant.
    case offer(to: UUID, sdp: String)
    /// `answer {to, sdp}`: relay an SDP answer to one participant.
    case answer(to: UUID, sdp: String)
    /// `candidate {to, candidate}`: relay a trickled ICE candidate to one participant.
    case candidate(to: UUID, candidate: ICECandidateInit)
    /// `leave`: leave the room; the connection stays open.
    case leave
    /// `ping`: the server answers `pong`.
    case ping
    /// `ice-servers`: asks for fresh STUN/TURN servers (TURN credentials expire); answered with
    /// `ice-servers {iceServers}`. An addition to v1 that older clients never send.
    case refreshICEServers

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
        }
    }
}
