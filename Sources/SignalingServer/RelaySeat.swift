import Foundation
import SignalingProtocol
import Synchronization

/// One connection's place for the relay fast path: the room routes and participant it last
/// took, or the instance it is proxied to, set by the hub, read by the connection's reader for
/// every relay it sends.
final class RelaySeat: Sendable {
    private enum Place {
        case room(RoomRoutes, participantID: UUID)
        /// The room's home on another instance (a cluster): every relay goes there, as the hub
        /// would send it, so the reader queues it on the link itself.
        case proxied(ClusterLink, home: UUID)
    }

    private let seat = Mutex<Place?>(nil)
    let connection: ConnectionID

    init(connection: ConnectionID) {
        self.connection = connection
    }

    /// Hands a relay to its target when it is the plain case (see ``RelayRouter``), or to the
    /// link when the connection is proxied.
    func relay(_ message: ClientMessage, received: ContinuousClock.Instant) -> RelayOutcome {
        let target: UUID?
        switch message {
        case .offer(let to, _), .answer(let to, _), .candidate(let to, _): target = to
        default: return .declined
        }
        switch seat.withLock({ $0 }) {
        case .room(let routes, let participantID)?:
            guard let target else { return .declined }
            return routes.relay(message, to: target, from: participantID, on: connection, received: received)
        case .proxied(let link, let home)?:
            link.send(.input(connection: connection.raw, message: message, attach: nil, request: nil), to: home)
            return .forwarded
        case nil:
            return .declined
        }
    }

    /// Hands a proxied member's relay, already in JSON (``RelayPassThrough``), to its target,
    /// stamped with the member's participant ID, when it is the plain case; the home's seats of
    /// proxied members take these from the LISTEN task.
    func relay(_ passed: consuming RelayPassThrough, received: ContinuousClock.Instant) -> RelayOutcome {
        guard case .room(let routes, let participantID)? = seat.withLock({ $0 }) else { return .declined }
        var passed = passed
        passed.stamp(sender: participantID)
        return routes.relay(passed, from: participantID, on: connection, received: received)
    }

    /// Sits the connection down as `participantID` in a room (stale seats are harmless: a
    /// relay checks the room's own routes).
    func take(_ routes: RoomRoutes, as participantID: UUID) {
        seat.withLock { $0 = .room(routes, participantID: participantID) }
    }

    /// The connection's messages go to instance `home` from now on. The hub calls this while the
    /// connection's reader waits for its join, so no relay passes a message sent before it.
    func proxy(to home: UUID, link: ClusterLink) {
        seat.withLock { $0 = .proxied(link, home: home) }
    }

    /// The connection's messages go back to the hub: its home died. The hub calls this from
    /// `instanceDied` while the connection's reader runs, so a relay racing it still goes to the
    /// dead home and is lost, as one the hub had sent there a moment earlier would be.
    func unproxy() {
        seat.withLock { $0 = nil }
    }
}
