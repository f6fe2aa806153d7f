import Foundation
import SignalingClient

/// What the engine's supervisor task handles, one at a time and in order.
enum SupervisorInput: Sendable {
    /// Something the signaling client reported.
    case signaling(SignalingEvent)
    /// A link event other than a message (candidates, states, channel open/close).
    case link(peer: UUID, generation: UInt64, event: PeerLinkEvent)
    /// A session was created or joined: set it up, then resume the caller.
    case enter(RoomMembership, RoomKeys?, CheckedContinuation<Void, Never>)
    /// Leave the session, then resume the caller.
    case leave(CheckedContinuation<Void, Never>)
    /// Housekeeping: pings, link health, restarts, removals.
    case tick
}
