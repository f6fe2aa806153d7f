import Foundation
import SignalingProtocol

/// What the sans-IO ``SignalingState`` asks its owner to do.
enum SignalingAction: Sendable, Equatable {
    /// Queue a message to a connection.
    case send(ConnectionID, ServerMessage)
    /// Close a connection.
    case close(ConnectionID, CloseReason)
    /// Call ``SignalingState/expireGrace(roomID:participantID:now:)`` at this instant.
    case expireGrace(roomID: UUID, participantID: UUID, at: ContinuousClock.Instant)
}
