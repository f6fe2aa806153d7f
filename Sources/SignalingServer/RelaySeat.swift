import Foundation
import SignalingProtocol
import Synchronization

/// One connection's place for the relay fast path: the room routes and participant it last
/// took, set by the hub, read by the connection's reader for every relay it sends.
final class RelaySeat: Sendable {
    private let seat = Mutex<(routes: RoomRoutes, participantID: UUID)?>(nil)
    let connection: ConnectionID

    init(connection: ConnectionID) {
        self.connection = connection
    }

    /// Hands a targeted relay to its target when it is the plain case (see ``RelayRouter``).
    func relay(_ message: ClientMessage, received: ContinuousClock.Instant) -> RelayOutcome {
        let target: UUID
        switch message {
        case .offer(let to?, _), .answer(let to?, _), .candidate(let to?, _): target = to
        default: return .declined
        }
        guard let current = seat.withLock({ $0 }) else { return .declined }
        return current.routes.relay(message, to: target, from: current.participantID, on: connection, received: received)
    }

    /// Sits the connection down as `participantID` in a room (stale seats are harmless: a
    /// relay checks the room's own routes).
    func take(_ routes: RoomRoutes, as participantID: UUID) {
        seat.withLock { $0 = (routes, participantID) }
    }
}
