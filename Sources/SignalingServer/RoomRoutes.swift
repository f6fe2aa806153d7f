import Foundation
import NIOCore
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
        let relayed: ServerMessage
        switch message {
        case .offer(_, let sdp): relayed = .offer(from: sender, sdp: sdp)
        case .answer(_, let sdp): relayed = .answer(from: sender, sdp: sdp)
        case .candidate(_, let candidate): relayed = .candidate(from: sender, candidate: candidate)
        default: return .declined
        }
        return hand(.relay(relayed, received: received), to: target, from: sender, on: connection) { relayed }
    }

    /// As ``relay(_:to:from:on:received:)`` for a relay already in the server's JSON (a proxied
    /// member's, passed through on the home with `from` stamped): the target here gets the JSON as
    /// it is; a target on another instance gets the message it holds (the NOTIFY queue carries
    /// messages).
    func relay(
        _ passed: RelayPassThrough, from sender: UUID, on connection: ConnectionID, received: ContinuousClock.Instant
    ) -> RelayOutcome {
        let text = ByteBuffer(bytes: passed.serverJSON)
        return hand(.relayText(text, received: received), to: passed.target, from: sender, on: connection) {
            passed.serverJSON.withUnsafeBytes { ServerMessage.scannedRelay(utf8: $0) }
        }
    }

    /// Queues `item` for `target` when `sender` (on `connection`) and `target` are connected
    /// members here and differ; a target proxied to another instance gets `remote()`'s message
    /// through the link instead (declined when there is none).
    private func hand(
        _ item: OutboundItem, to target: UUID, from sender: UUID, on connection: ConnectionID,
        remote message: () -> ServerMessage?
    ) -> RelayOutcome {
        routes.withLock { routes in
            guard target != sender, routes[sender]?.connection == connection, let route = routes[target] else {
                return .declined
            }
            // Under the room's lock, so the hub's route changes and this hand-over are in one order.
            let outbox: ConnectionOutbox
            switch route.destination {
            case .outbox(let local): outbox = local
            case .remote(let link, let remote):
                guard let relayed = message() else { return .declined }
                link.send(.output(connection: remote.connection, message: relayed), to: remote.instance)
                return .forwarded
            }
            switch outbox.yield(item) {
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
