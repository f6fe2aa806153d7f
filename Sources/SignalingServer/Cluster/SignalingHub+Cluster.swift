import Foundation
import Logging
import Prometheus
import SignalingProtocol

/// Rooms shared between instances: each room lives in the state machine of one instance, its
/// home (recorded in `collab_rooms`); a client connected elsewhere is proxied to the home.
/// With one instance none of this runs.
extension SignalingHub {
    func attachCluster(_ link: ClusterLink) {
        cluster = HubCluster(link: link)
    }

    /// Routes one client message when rooms are shared.
    func receiveClustered(_ message: ClientMessage, from id: ConnectionID, received: ContinuousClock.Instant) async -> Bool {
        guard let cluster else { return receiveLocally(message, from: id, received: received) != nil }
        if case .ping = message { return receiveLocally(message, from: id, received: received) != nil }
        if let home = cluster.attached[id] {
            cluster.link.send(.input(connection: id.raw, message: message, attach: nil, request: nil), to: home)
            if case .leave = message, cluster.joining[id] == nil { releaseProxy(id, from: home, link: cluster.link) }
            return false
        }
        guard let record = state.connections[id], record.membership == nil else {
            return receiveLocally(message, from: id, received: received) != nil
        }
        switch message {
        case .createRoom(let name, let password):
            return await createShared(name: name, password: password, from: id, record: record, link: cluster.link)
        case .joinCode(let raw, _, _):
            if await sharedGuardRefuses(id, address: record.address, link: cluster.link) { return true }
            guard let code = try? RoomCode(raw), state.room(code: code) == nil else {
                return await joinLocally(message, from: id, address: record.address, link: cluster.link)
            }
            return await joinShared(message, from: id, record: record, link: cluster.link) {
                try await cluster.link.store.locate(code: code)?.home
            }
        case .join(let roomID, _, _, _):
            if await sharedGuardRefuses(id, address: record.address, link: cluster.link) { return true }
            guard state.rooms[roomID] == nil else {
                return await joinLocally(message, from: id, address: record.address, link: cluster.link)
            }
            return await joinShared(message, from: id, record: record, link: cluster.link) {
                try await cluster.link.store.locate(roomID: roomID)
            }
        default:
            return receiveLocally(message, from: id, received: received) != nil
        }
    }

    /// A proxied connection left its room: it is no longer proxied, so what it sends next (a
    /// create, a join) is handled here like any other connection's, its room code reserved in the
    /// database. Kept proxied, its create reached the home's state machine as a local create, and
    /// the room it made was in no table: its code could be given again elsewhere, and no other
    /// instance could find it. The home hears of it after the `leave` (in order), so it drops its
    /// proxy of a connection already out of the room.
    private func releaseProxy(_ id: ConnectionID, from home: UUID, link: ClusterLink) {
        cluster?.detach(id)
        relays.seat(of: id)?.unproxy()
        link.send(.detach(connection: id.raw), to: home)
    }

    /// The brute-force guard over every instance's failures (each instance's own guard holds too).
    private func sharedGuardRefuses(_ id: ConnectionID, address: String, link: ClusterLink) async -> Bool {
        let failures: Int
        do {
            failures = try await link.store.joinFailures(address: address, window: configuration.joinFailureWindow)
        } catch {
            link.metrics.databaseErrors.increment()
            return false  // the local guard still holds while the database is away
        }
        guard failures >= configuration.joinFailuresAllowed else { return false }
        send(.error(SignalingError(.rateLimited, "too many failed join attempts; wait a minute")), to: id)
        return true
    }

    /// A join handled here. A failure is counted for every instance's brute-force guard before
    /// the client hears of it, so its next attempt, wherever it lands, sees the count.
    private func joinLocally(_ message: ClientMessage, from id: ConnectionID, address: String, link: ClusterLink) async -> Bool {
        let actions = state.receive(message, from: id, now: .now, random: &random)
        var failed = false
        for action in actions {
            guard case .send(let target, .error(let error)) = action, target == id else { continue }
            failed = true
            if [.roomNotFound, .invalidCode, .wrongPassword].contains(error.code) {
                do { try await link.store.recordJoinFailure(address: address) } catch {
                    link.metrics.databaseErrors.increment()
                }
            }
        }
        perform(actions)
        return failed
    }

    /// A join of a room that is not here: found in the database and forwarded to its home. A
    /// home found dead is adopted (by this instance or another) and the room looked up again.
    private func joinShared(
        _ message: ClientMessage, from id: ConnectionID, record: ConnectionRecord, link: ClusterLink,
        locate: @Sendable () async throws -> UUID?
    ) async -> Bool {
        attempts: for _ in 0..<3 {
            var home: UUID?
            do {
                home = try await locate()
                if let found = home, found != link.instanceID, try await !link.checkAlive(found, hub: self) {
                    home = try await locate()
                }
            } catch {
                link.metrics.databaseErrors.increment()
                logger.warning("room lookup failed", metadata: ["error": "\(String(reflecting: error))"])
                send(.error(SignalingError(.roomNotFound, "rooms are unavailable for a moment; try again")), to: id)
                return true
            }
            guard outboxes[id] != nil, state.connections[id]?.membership == nil, cluster?.attached[id] == nil else { return false }
            guard let home, home != link.instanceID else { return await finishLocally(message, from: id, link: link) }
            switch await forwardJoin(message, from: id, record: record, to: home, link: link) {
            case true?: return false
            case false?: return true
            case nil:
                // No answer: the home died since its last heartbeat; once overdue it is adopted.
                let alive = (try? await link.checkAlive(home, hub: self)) ?? true
                guard outboxes[id] != nil else { return false }
                if alive { break attempts }
            }
        }
        send(.error(SignalingError(.roomNotFound, "the room's server did not answer; try again")), to: id)
        return true
    }

    private func finishLocally(_ message: ClientMessage, from id: ConnectionID, link: ClusterLink) async -> Bool {
        guard let record = state.connections[id] else { return false }
        return await joinLocally(message, from: id, address: record.address, link: link)
    }

    /// Sends a join to the room's home and waits for whether it took; nil when it never answers.
    private func forwardJoin(
        _ message: ClientMessage, from id: ConnectionID, record: ConnectionRecord, to home: UUID, link: ClusterLink
    ) async -> Bool? {
        guard var cluster, let outbox = outboxes[id] else { return nil }
        cluster.nextRequest += 1
        let request = cluster.nextRequest
        cluster.attach(id, to: home, outbox: outbox)
        cluster.joining[id] = request
        self.cluster = cluster
        let attachment = RemoteAttachment(address: record.address, requestHost: record.requestHost, grant: record.grant)
        link.send(.input(connection: id.raw, message: message, attach: attachment, request: request), to: home)
        let timeout = link.settings.deadAfter + .seconds(1)
        let bound: Bool? = await withCheckedContinuation { continuation in
            self.cluster?.waiters[request] = continuation
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.resolveJoin(request, bound: nil)
            }
        }
        self.cluster?.joining[id] = nil
        if bound != true, self.cluster?.attached[id] == home {
            self.cluster?.detach(id)
            // No answer in time: the home may still take the join later. Told now (after the
            // input, in order), it lets the member go after the resume grace instead of keeping
            // a ghost that holds a seat for good.
            if bound == nil { link.send(.detach(connection: id.raw), to: home) }
        }
        // The client's reader waits for this join: its next relay already takes the seat.
        if bound == true, self.cluster?.attached[id] == home { relays.seat(of: id)?.proxy(to: home, link: link) }
        return bound
    }

    private func resolveJoin(_ request: UInt64, bound: Bool?) {
        cluster?.waiters.removeValue(forKey: request)?.resume(returning: bound)
    }

    /// `create-room`: the code is claimed in the database first, so it is unique everywhere.
    private func createShared(
        name: String, password: String?, from id: ConnectionID, record: ConnectionRecord, link: ClusterLink
    ) async -> Bool {
        var reservation: (roomID: UUID, code: RoomCode)?
        do {
            let capped = configuration.limitLoopback || !AddressLimiter.isLoopback(record.address)
            if capped, try await link.store.roomCount(creator: record.address) >= configuration.maxRoomsPerAddress {
                send(.error(SignalingError(.rateLimited, "too many live rooms from this address")), to: id)
                return true
            }
            for _ in 0..<16 {
                let code = RoomCode.random(using: &random)
                let roomID = SignalingState.uuid(using: &random)
                if try await link.store.reserve(roomID: roomID, code: code, creator: record.address) {
                    reservation = (roomID, code)
                    break
                }
            }
        } catch {
            link.metrics.databaseErrors.increment()
            logger.warning("room code reservation failed", metadata: ["error": "\(String(reflecting: error))"])
        }
        guard let reservation else {
            send(.error(SignalingError(.roomFull, "could not allocate a room code; try again")), to: id)
            return true
        }
        // Still connected (a proxy: still known to its instance) after the reservation's await.
        guard outboxes[id] != nil || cluster?.remoteOf[id] != nil else {
            link.persist(.delete(reservation.roomID))
            return false
        }
        let actions = state.createReservedRoom(reservation, name: name, password: password, from: id, now: .now, random: &random)
        perform(actions)
        if state.rooms[reservation.roomID] == nil { link.persist(.delete(reservation.roomID)) }
        return actions.contains { if case .send(let target, .error) = $0 { target == id } else { false } }
    }

    // MARK: from other instances

    /// Handles what other instances send, in order, until the inbox finishes: one loop on the
    /// hub that takes every queued batch in turn without a hop per notification.
    func handleClusterInbox(_ inbox: ClusterInbox) async {
        for await (sender, envelopes) in inbox.stream {
            await clusterReceived(envelopes, from: sender)
            inbox.handled(envelopes)
        }
    }

    /// Envelopes from another instance, in the order that instance sent them.
    func clusterReceived(_ envelopes: [ClusterEnvelope], from sender: UUID) async {
        for envelope in envelopes { await clusterReceived(envelope, from: sender) }
    }

    private func clusterReceived(_ envelope: ClusterEnvelope, from sender: UUID) async {
        guard let cluster else { return }
        switch envelope {
        case .input(let connection, let message, let attach, let request):
            let key = RemoteConnection(instance: sender, connection: connection)
            let proxy: ConnectionID
            if let known = cluster.remotes[key] {
                proxy = known
            } else {
                guard let attach else {
                    // A connection this instance no longer knows (dropped as detached or as its
                    // instance's death): the message is lost, and the client is closed so it resumes.
                    cluster.link.metrics.lost.increment()
                    cluster.link.send(.close(connection: connection, reason: .goingAway), to: sender)
                    return
                }
                let grant: AccessGrant?
                do { grant = try attach.accessGrant() } catch {
                    logger.warning("dropping a proxied connection with a bad grant", metadata: ["error": "\(error)"])
                    return
                }
                nextID += 1
                proxy = ConnectionID(raw: nextID)
                state.connected(proxy, address: attach.address, requestHost: attach.requestHost, grant: grant)
                self.cluster?.remotes[key] = proxy
                self.cluster?.remoteOf[proxy] = key
                cluster.link.remoteSeats.open(key, relays.open(proxy))
            }
            let address = state.connections[proxy]?.address ?? ""
            switch message {
            case .join, .joinCode:
                if attach == nil, state.connections[proxy]?.membership == nil, namesRoomElsewhere(message) {
                    refuseLateJoin(key, link: cluster.link)
                    return
                }
                _ = await joinLocally(message, from: proxy, address: address, link: cluster.link)
            case .createRoom(let name, let password):
                // A proxy out of its room gets here only as for a late join (see
                // ``refuseLateJoin(_:link:)``): its instance lets it go on its leave and creates
                // there. It is still served, reserved like any other create (never a room the
                // tables do not know); if its connection's close is on its way, the reply is lost
                // and the empty room holds a seat until the resume grace ends: rare, and bounded
                // by the grace and the address's room cap. One still in its room is answered
                // alreadyInRoom by the state machine, without database round trips in this loop.
                guard let record = state.connections[proxy] else { return }
                if record.membership == nil {
                    _ = await createShared(name: name, password: password, from: proxy, record: record, link: cluster.link)
                } else {
                    _ = receiveLocally(message, from: proxy, received: .now)
                }
            default: _ = receiveLocally(message, from: proxy, received: .now)
            }
            guard let request else { return }
            let bound = state.connections[proxy]?.membership != nil
            cluster.link.send(.joinResult(connection: connection, request: request, bound: bound), to: sender)
            if !bound { dropRemote(key) }
        case .output(let connection, let message):
            let id = ConnectionID(raw: connection)
            guard cluster.attached[id] == sender else {
                // The home holds a member for a connection this instance no longer proxies to it
                // (its detach was lost, or its join answered too late): tell it again. The
                // message is dropped: it belongs to a membership the client gave up. After a
                // `leave` (which this instance answers by letting the connection go) that is
                // what the home sent before it saw the leave, or a `not-in-room` answer to the
                // leave when the home had already ended the membership (then it closed the
                // connection too). A leave that takes is answered with nothing (protocol v1), and
                // the client is out of the room either way; its next `leave` gets `not-in-room`
                // from this instance's own state machine, as on one instance. One instance drops
                // the same answer: it comes after the close, where the outbox ends.
                cluster.link.send(.detach(connection: connection), to: sender)
                return
            }
            send(message, to: id)
        case .close(let connection, let reason):
            let id = ConnectionID(raw: connection)
            guard cluster.attached[id] == sender else { return }
            outboxes[id]?.yield(.close(reason))
        case .joinResult(_, let request, let bound):
            resolveJoin(request, bound: bound)
        case .detach(let connection):
            dropRemote(RemoteConnection(instance: sender, connection: connection))
        case .blob:
            break  // the link replaces these by what they name
        }
    }

    /// Whether `message` is a join of a well-formed code or ID that no room here holds (a
    /// malformed code gets the same answer on every instance).
    private func namesRoomElsewhere(_ message: ClientMessage) -> Bool {
        switch message {
        case .joinCode(let raw, _, _):
            guard let code = try? RoomCode(raw) else { return false }
            return state.room(code: code) == nil
        case .join(let roomID, _, _, _):
            return state.rooms[roomID] == nil
        default:
            return false
        }
    }

    /// A join from a connection its instance still proxies here, out of its room here (no
    /// `attach`: a join its instance looked up itself comes with one, and is answered here as any
    /// join), naming a room this state machine does not hold. Its instance lets go of it on its
    /// `leave` and then looks its joins up in the database itself; only a connection this
    /// instance has just closed (removed, replaced, too slow: the close is on its way, the join
    /// crossed it) or an instance of a version that kept proxying after a leave sends one here.
    /// Looked up only here, it got `room-not-found` for a room that lives on another instance (and
    /// counted a failed join against its address); the home cannot forward it (a proxy of a
    /// proxy), so the connection is let go and closed with 1001, which protocol v1 clients answer
    /// by connecting again (docs/PROTOCOL.md, Resume). The join itself is not answered: the
    /// client's pending join fails as on any dropped connection, and a join sent again on the new
    /// connection is a fresh one, looked up in the database. A close already on its way arrives
    /// first and wins.
    private func refuseLateJoin(_ key: RemoteConnection, link: ClusterLink) {
        logger.notice("closing a proxied connection whose join came after it left its room here", metadata: [
            "instance": "\(key.instance.uuidString.prefix(8))", "connection": "\(key.connection)",
        ])
        dropRemote(key)
        link.send(.close(connection: key.connection, reason: .goingAway), to: key.instance)
    }

    /// A proxied connection is gone: its member keeps its place for the resume grace.
    private func dropRemote(_ key: RemoteConnection) {
        guard let proxy = cluster?.remotes.removeValue(forKey: key) else { return }
        cluster?.remoteOf[proxy] = nil
        cluster?.link.remoteSeats.close(key)
        relays.forget(proxy)
        perform(state.disconnected(proxy, now: .now))
    }

    /// A message the state machine sends to a proxied connection goes to its instance.
    func sendRemote(_ message: ServerMessage, to id: ConnectionID) {
        guard let cluster, let key = cluster.remoteOf[id] else { return }
        cluster.link.send(.output(connection: key.connection, message: message), to: key.instance)
    }

    func closeRemote(_ id: ConnectionID, _ reason: CloseReason) {
        guard let cluster, let key = cluster.remoteOf[id] else { return }
        cluster.link.send(.close(connection: key.connection, reason: reason), to: key.instance)
    }

    /// Rooms homed here changed: the database follows.
    func persist(_ events: [RoomEvent]) {
        guard let link = cluster?.link else { return }
        var seen: Set<UUID> = []
        for event in events {
            let roomID: UUID
            switch event {
            case .roomCreated(let id, _), .roomClosed(let id, _), .joined(let id, _), .left(let id, _, _): roomID = id
            case .lost, .resumed: continue
            }
            guard seen.insert(roomID).inserted else { continue }
            if let room = state.rooms[roomID] {
                link.persist(.save(RoomRecord(room, now: .now, wallNow: configuration.wallClock())))
            } else { link.persist(.delete(roomID)) }
        }
    }

    // MARK: dead instances

    /// Another instance died: its proxied members here start their grace, and this instance's
    /// clients in rooms it was home to are closed (1001) so they resume where the room went.
    func instanceDied(_ dead: UUID) {
        guard let cluster else { return }
        for key in cluster.remotes.keys where key.instance == dead { dropRemote(key) }
        for (id, home) in cluster.attached where home == dead {
            if let request = cluster.joining[id] {
                // Still joining: the join is retried where the room goes.
                resolveJoin(request, bound: nil)
                continue
            }
            self.cluster?.detach(id)
            relays.seat(of: id)?.unproxy()
            outboxes[id]?.yield(.close(.goingAway))
        }
    }

    /// Takes over the rooms of dead instance `dead` that nobody has adopted yet, and returns once
    /// they are in this state machine (a join waiting on this finds them).
    func adoptRooms(of dead: UUID) async {
        if let running = cluster?.adoptions[dead] {
            await running.value
            return
        }
        guard let link = cluster?.link else { return }
        let task = Task {
            do {
                let records = try await link.store.adoptRooms(of: dead)
                if !records.isEmpty { link.metrics.adoptedRooms.increment(by: Int64(records.count)) }
                self.adopt(records)
            } catch {
                link.metrics.databaseErrors.increment()
                self.logger.warning("adopting rooms failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        cluster?.adoptions[dead] = task
        await task.value
        cluster?.adoptions[dead] = nil
    }

    /// Rooms adopted from a dead instance: every member is away until it resumes.
    func adopt(_ records: [RoomRecord]) {
        let now = ContinuousClock.now
        for record in records {
            logger.notice("room adopted", metadata: ["room": "\(record.id)"])
            perform(state.adopt(record, now: now, wallNow: configuration.wallClock()))
        }
    }

    /// Others declared this instance dead and adopted its rooms: every client goes (1001) and
    /// resumes wherever its room is now.
    func fenced() {
        for outbox in outboxes.values { outbox.yield(.close(.goingAway)) }
    }
}
