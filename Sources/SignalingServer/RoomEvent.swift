import Foundation
import SignalingProtocol

/// A change of rooms or memberships worth an info log line: ids only, never names, secrets or SDP.
enum RoomEvent: Sendable, Equatable {
    case roomCreated(roomID: UUID, code: RoomCode)
    case roomClosed(roomID: UUID, code: RoomCode)
    case joined(roomID: UUID, participantID: UUID)
    /// Its socket dropped: it keeps its place for the resume grace.
    case lost(roomID: UUID, participantID: UUID)
    case resumed(roomID: UUID, participantID: UUID)
    /// It is gone from the room: `why` is `leave`, `grace-expired`, `too-slow`, `removed` or `room-closed`.
    case left(roomID: UUID, participantID: UUID, why: String)
}

extension RoomEvent {
    /// The room it happened in.
    var roomID: UUID {
        switch self {
        case .roomCreated(let roomID, _), .roomClosed(let roomID, _), .joined(let roomID, _), .lost(let roomID, _),
            .resumed(let roomID, _), .left(let roomID, _, _):
            roomID
        }
    }
}
