import Foundation
import SignalingProtocol
import Synchronization

/// The connected members of one room and their outboxes, for the relay fast path: a lock per
/// room, so relays in different rooms never wait for each other.
final class RoomRoutes: Sendable {
    /// Where a relay for a connected member goes.
    struct Route: Sendable {
        let connection: ConnectionID
        let destination: Destination
    }

    /// A member's socket here, or on another instance (a cluster's proxied member, whose relays
    /// go into the NOTIFY queue as the hub's `output` would).
    enum Destination: Sendable {
        case outbox(ConnectionOutbox)
        case remote(ClusterLink, RemoteConnection)
    }

    private let routes = Mutex<[UUID: Route]>([:])

    /// Hands a relay from `sender` (on `connection`) to `target`'s outbox when both are
    /// connected members here and differ.
    func relay(
        _ message: ClientMessage, to target: UUID, from sender: UUID, on connection: ConnectionID,
        received: ContinuousClock.Instant
    ) -> RelayOutcome {
        routes.withLock { routes in
            guard target != sender, routes[sender]?.connection == connection, let route = routes[target] else {
                return .declined
            }
            let relayed: ServerMessage
            switch message {
            case .offer(_, let sdp): relayed = .offer(from: sender, sdp: sdp)
            case .answer(_, let sdp): relayed = .answer(from: sender, sdp: sdp)
            case .candidate(_, let candidate): relayed = .candidate(from: sender, candidate: candidate)
            default: return .declined
            }
            // Under the room's lock, so the hub's route changes and this hand-over are in one order.
            let outbox: ConnectionOutbox
            switch route.destination {
            case .outbox(let local): outbox = local
            case .remote(let link, let remote):
                link.send(.output(connection: remote.connection, message: relayed), to: remote.instance)
                return .forwarded
            }
            switch outbox.yield(.relay(relayed, received: received)) {
            case .enqueued: return .delivered
            case .dropped: return .overflowed(route.connection)
            case .closing: return .discarded
            // The target's socket just closed and the hub has yet to hear: it keeps the message
            // for the target's resume, as it would have a moment later.
            case .terminated: return .declined
            }
        }
    }

    /// Keeps only the routes `room` still backs (nil: the room is gone).
    func prune(to room: Room?) {
        routes.withLock { routes in
            guard let room else { return routes.removeAll() }
            routes = routes.filter { participantID, route in
                room.index(of: participantID).map { room.members[$0].connection == route.connection } ?? false
            }
        }
    }

    /// Replaces the routes.
    func set(_ replacement: [UUID: Route]) {
        routes.withLock { $0 = replacement }
    }
}
