import Foundation
import SignalingProtocol

/// The relay fast path's copy of who is where, owned by the hub: a ``RoomRoutes`` per room with
/// connected members and a ``RelaySeat`` per connection, so a connection task can hand a
/// targeted offer, answer or candidate to its target's outbox itself, without a hop through the
/// hub actor, and relays of different rooms take different locks.
///
/// With a cluster, a room homed here routes its members proxied from other instances too (their
/// relays go into the NOTIFY queue); a connection proxied to another home has no routes here.
///
/// It only answers for the plain case (sender and target connected members of the same room, a
/// named target other than the sender); everything else goes to the hub, which has the whole
/// state. The hub removes routes before it performs a membership change and adds them after, so
/// a relay taken here is one the hub would have delivered at that moment, and a member's queued
/// messages (a resume) go out before relays that follow them.
struct RelayRouter {
    private var rooms: [UUID: RoomRoutes] = [:]
    private var seats: [ConnectionID: RelaySeat] = [:]

    /// The seat of a new connection.
    mutating func open(_ id: ConnectionID) -> RelaySeat {
        let seat = RelaySeat(connection: id)
        seats[id] = seat
        return seat
    }

    /// The seat of a connection still open.
    func seat(of id: ConnectionID) -> RelaySeat? {
        seats[id]
    }

    /// The connection is gone; its routes go with its room's next change.
    mutating func forget(_ id: ConnectionID) {
        seats[id] = nil
    }

    /// Drops the routes of `roomIDs` that `state` no longer backs (before a change is performed).
    mutating func prune(_ roomIDs: Set<UUID>, state: SignalingState) {
        for roomID in roomIDs {
            guard let routes = rooms[roomID] else { continue }
            let room = state.rooms[roomID]
            routes.prune(to: room)
            if room == nil { rooms[roomID] = nil }
        }
    }

    /// Routes `roomIDs` to their connected members (after a change was performed): those with a
    /// socket here, and with a cluster those proxied from other instances.
    mutating func refresh(
        _ roomIDs: Set<UUID>, state: SignalingState, outboxes: [ConnectionID: ConnectionOutbox], cluster: HubCluster? = nil
    ) {
        for roomID in roomIDs {
            guard let room = state.rooms[roomID] else {
                rooms[roomID]?.prune(to: nil)
                rooms[roomID] = nil
                continue
            }
            let routes = rooms[roomID] ?? RoomRoutes()
            rooms[roomID] = routes
            var table: [UUID: RoomRoutes.Route] = [:]
            for member in room.members {
                guard let connection = member.connection else { continue }
                let destination: RoomRoutes.Destination
                if let outbox = outboxes[connection] {
                    destination = .outbox(outbox)
                } else if let cluster, let remote = cluster.remoteOf[connection] {
                    destination = .remote(cluster.link, remote)
                } else {
                    continue
                }
                table[member.id] = RoomRoutes.Route(connection: connection, destination: destination)
                seats[connection]?.take(routes, as: member.id)
            }
            routes.set(table)
        }
    }
}
