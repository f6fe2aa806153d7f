import Prometheus
import Foundation
import Logging
import SignalingProtocol

/// Owns the ``SignalingState`` and one bounded outbox per connection; performs the state's
/// actions. Encoding and decoding happen in the connection tasks, not here, so the actor only
/// does bookkeeping.
actor SignalingHub {
    /// Its own executor, not the event loop its caller's task prefers (see ``HubExecutor``).
    private let executor = HubExecutor()
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    var state: SignalingState
    var outboxes: [ConnectionID: ConnectionOutbox] = [:]
    /// The relay fast path's copy of who is where (with a cluster, members of rooms homed here
    /// proxied from other instances too).
    var relays = RelayRouter()
    /// Set when rooms are shared with other instances through PostgreSQL; nil keeps every path
    /// as in a single process.
    var cluster: HubCluster?
    /// Closes a connection's TCP socket at once, for a peer that no longer reads (no close
    /// frame can reach it).
    private var sockets: [ConnectionID: @Sendable () -> Void] = [:]
    /// Connections whose outbox overflowed during the current `perform`, handled at its end.
    private var overflowed: [ConnectionID] = []
    /// Connections already cut off as too slow, until their socket task ends.
    private var cutOff: Set<ConnectionID> = []
    var nextID: UInt64 = 0
    private var shuttingDown = false
    private var reportedRooms = 0
    var random = SystemRandomNumberGenerator()
    /// When the message being handled arrived: relays it causes are stamped with it.
    private var receipt: ContinuousClock.Instant?
    let metrics: SignalingMetrics
    let logger: Logger
    let configuration: SignalingServerConfiguration

    init(configuration: SignalingServerConfiguration, metrics: SignalingMetrics, logger: Logger,
         stunPort: STUNPortBox = STUNPortBox()) {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        let turn = configuration
        self.state = SignalingState(configuration: configuration) { participantID, requestHost in
            var servers: [ICEServer] = []
            var stunURLs = turn.stunURLs
            if let port = stunPort.port, let host = STUNPortBox.urlHost(public: turn.publicHost, request: requestHost,
                                                                       bound: turn.host) {
                stunURLs.insert("stun:\(host):\(port)", at: 0)
            }
            if !stunURLs.isEmpty { servers.append(ICEServer(urls: stunURLs)) }
            if !turn.turnURLs.isEmpty, let secret = turn.turnSecret {
                let credentials = TURNCredentials.make(
                    secret: secret, user: participantID.uuidString, ttl: turn.turnTTL, now: Date())
                servers.append(ICEServer(urls: turn.turnURLs, username: credentials.username,
                                         credential: credentials.credential))
            }
            return servers
        }
    }

    /// Registers a new connection and returns its ID and the outbox its writer drains.
    func open(
        address: String, requestHost: String? = nil, grant: AccessGrant? = nil, closeSocket: @escaping @Sendable () -> Void
    )
        -> (ConnectionID, ConnectionOutbox, RelaySeat) {
        nextID += 1
        let id = ConnectionID(raw: nextID)
        let outbox = ConnectionOutbox(limit: configuration.outboundQueueLimit, byteLimit: configuration.outboundQueueBytes)
        outboxes[id] = outbox
        sockets[id] = closeSocket
        state.connected(id, address: address, requestHost: requestHost, grant: grant)
        metrics.connections.set(Int64(outboxes.count))
        if shuttingDown { outbox.yield(.close(.goingAway)) }
        return (id, outbox, relays.open(id))
    }

    /// A relay the fast path could not queue because its target's outbox is full: the target
    /// is cut off as too slow, as if the hub had queued it.
    func relayOverflowed(to id: ConnectionID) {
        guard outboxes[id] != nil else { return }
        metrics.dropped.increment()
        if !overflowed.contains(id) { overflowed.append(id) }
        perform([])
    }

    /// Handles one decoded message from a connection; true when it earned the sender an error.
    func receiveReportingError(_ message: ClientMessage, from id: ConnectionID, received: ContinuousClock.Instant) async -> Bool {
        if cluster != nil { return await receiveClustered(message, from: id, received: received) }
        return receiveLocally(message, from: id, received: received) != nil
    }

    /// Runs a message through this instance's state machine; the code of the error it earned
    /// the sender, if any.
    func receiveLocally(_ message: ClientMessage, from id: ConnectionID, received: ContinuousClock.Instant) -> SignalingErrorCode? {
        let actions = state.receive(message, from: id, now: .now, random: &random)
        receipt = received
        perform(actions)
        receipt = nil
        for action in actions {
            if case .send(let target, .error(let error)) = action, target == id { return error.code }
        }
        return nil
    }

    /// Closes one connection with a reason.
    func closeConnection(_ id: ConnectionID, _ reason: CloseReason) {
        outboxes[id]?.yield(.close(reason))
    }

    /// The writer sent a close frame: a peer that does not answer it within the close timeout
    /// loses its socket anyway (RFC 6455 lets the server close the TCP connection).
    func closeFrameSent(_ id: ConnectionID) {
        let timeout = configuration.closeTimeout
        Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.closeSocket(id)
        }
    }

    /// The writer could not hand a frame to the socket within the write timeout.
    func writeTimedOut(_ id: ConnectionID) {
        guard outboxes[id] != nil else { return }
        logger.notice("closing a connection that stopped reading", metadata: ["connection": "\(id)"])
        overflowed.append(id)
        perform([])
    }

    /// The join timeout passed: a connection that never joined a room is closed.
    func joinTimeout(_ id: ConnectionID) {
        guard let outbox = outboxes[id], state.connections[id]?.hasJoined == false, cluster?.attached[id] == nil else { return }
        metrics.joinTimeouts.increment()
        outbox.yield(.close(.joinTimeout))
    }

    /// Closes the socket of a connection that is still open, without a close handshake.
    private func closeSocket(_ id: ConnectionID) {
        sockets[id]?()
    }

    /// The connection's socket has closed.
    func closed(_ id: ConnectionID) {
        sockets[id] = nil
        cutOff.remove(id)
        relays.forget(id)
        if let home = cluster?.detach(id) {
            cluster?.link.send(.detach(connection: id.raw), to: home)
        }
        guard let outbox = outboxes.removeValue(forKey: id) else { return }
        outbox.finish()
        metrics.connections.set(Int64(outboxes.count))
        perform(state.disconnected(id, now: .now))
    }

    /// Sends a reply the connection task produced itself (a parse error, `too-large`, `pong`).
    func reply(_ message: ServerMessage, to id: ConnectionID) {
        send(message, to: id)
    }

    /// Asks every connection to close (server shutdown; new ones are closed at once), then after
    /// the shutdown grace closes the sockets of those still open, so no client holds the
    /// process up.
    func shutdown() async {
        shuttingDown = true
        for outbox in outboxes.values { outbox.yield(.close(.goingAway)) }
        try? await Task.sleep(for: configuration.shutdownGrace)
        if !sockets.isEmpty {
            logger.notice("shutdown grace over: closing the remaining sockets", metadata: ["count": "\(sockets.count)"])
        }
        for close in sockets.values { close() }
    }

    func perform(_ actions: [SignalingAction]) {
        // Routes of changed rooms go before the change is performed and come back after it (see
        // RelayRouter); the events are only looked at here, taken and logged below as before.
        let changed = Set(state.pendingEvents.map(\.roomID))
        if !changed.isEmpty { relays.prune(changed, state: state) }
        for action in actions {
            switch action {
            case .send(let id, let message):
                send(message, to: id)
            case .close(let id, let reason):
                if let outbox = outboxes[id] { outbox.yield(.close(reason)) } else { closeRemote(id, reason) }
            case .expireGrace(let roomID, let participantID, let deadline):
                Task { [weak self] in
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    await self?.expire(roomID: roomID, participantID: participantID)
                }
            }
        }
        // Bounded: each pass removes a connection's membership, so it cannot overflow again.
        while let id = overflowed.popLast() {
            tooSlow(id)
        }
        if !changed.isEmpty { relays.refresh(changed, state: state, outboxes: outboxes, cluster: cluster) }
        let events = state.takeEvents()
        for event in events { log(event) }
        if cluster != nil, !events.isEmpty { persist(events) }
        // Relays (the common case) leave the room count alone: only touch the gauge on a change.
        if state.roomCount != reportedRooms {
            reportedRooms = state.roomCount
            metrics.rooms.set(Int64(reportedRooms))
        }
    }

    private func expire(roomID: UUID, participantID: UUID) {
        perform(state.expireGrace(roomID: roomID, participantID: participantID, now: .now))
    }

    /// One info line per room event, with ids only: a room's code is all it takes to join a room
    /// without a password, so it appears at debug level only (`--log-level debug`).
    private func log(_ event: RoomEvent) {
        switch event {
        case .roomCreated(let roomID, let code):
            logger.info("room created", metadata: ["room": "\(roomID)"])
            logger.debug("room code", metadata: ["room": "\(roomID)", "code": "\(code)"])
        case .roomClosed(let roomID, _):
            logger.info("room closed", metadata: ["room": "\(roomID)"])
        case .joined(let roomID, let participantID):
            logger.info("participant joined", metadata: ["room": "\(roomID)", "participant": "\(participantID)"])
        case .lost(let roomID, let participantID):
            logger.info("participant lost", metadata: ["room": "\(roomID)", "participant": "\(participantID)"])
        case .resumed(let roomID, let participantID):
            logger.info("participant resumed", metadata: ["room": "\(roomID)", "participant": "\(participantID)"])
        case .left(let roomID, let participantID, let why):
            logger.info("participant left", metadata: ["room": "\(roomID)", "participant": "\(participantID)", "why": "\(why)"])
        }
    }

    // MARK: admin API

    /// Every live room, oldest first.
    func roomSummaries() -> [RoomSummary] {
        let now = ContinuousClock.now
        return state.rooms.values.sorted { $0.created < $1.created }.map { summary($0, now: now, detailed: false) }
    }

    /// One room with its participants, or nil when no live room has that code.
    func roomDetail(code: RoomCode) -> RoomSummary? {
        state.room(code: code).map { summary($0, now: .now, detailed: true) }
    }

    /// Removes a participant as the host would; false when there is no such room or member.
    func adminRemove(code: RoomCode, participantID: UUID) -> Bool {
        guard let room = state.room(code: code), room.index(of: participantID) != nil else { return false }
        logger.notice("administrator removes a participant", metadata: ["room": "\(room.id)", "participant": "\(participantID)"])
        perform(state.remove(participantID, from: room.id, now: .now))
        return true
    }

    /// Closes a room and every member's connection; false when no live room has that code.
    func adminClose(code: RoomCode) -> Bool {
        guard let room = state.room(code: code) else { return false }
        logger.notice("administrator closes a room", metadata: ["room": "\(room.id)"])
        perform(state.closeRoom(room.id))
        return true
    }

    private func summary(_ room: Room, now: ContinuousClock.Instant, detailed: Bool) -> RoomSummary {
        let age = now - room.created
        let participants = room.members.map { member in
            RoomSummary.Participant(
                id: member.id, name: member.name, role: member.id == room.hostID ? .host : .participant,
                connected: member.connection != nil)
        }
        return RoomSummary(
            code: room.code, size: room.members.count, ageSeconds: Int(age.components.seconds),
            participants: detailed ? participants : nil)
    }

    /// A connection that cannot keep up: its socket is closed at once (its queue and the
    /// socket's buffers are released), its member leaves with reason `too-slow`.
    private func tooSlow(_ id: ConnectionID) {
        guard let outbox = outboxes[id], cutOff.insert(id).inserted else { return }
        logger.warning("closing a connection that reads too slowly", metadata: ["connection": "\(id)"])
        metrics.slowReaders.increment()
        outbox.finish()
        closeSocket(id)
        perform(state.tooSlow(id))
    }

    func send(_ message: ServerMessage, to id: ConnectionID) {
        guard let outbox = outboxes[id] else { return sendRemote(message, to: id) }
        let item: OutboundItem
        switch message {
        case .offer, .answer, .candidate: item = receipt.map { .relay(message, received: $0) } ?? .message(message)
        default: item = .message(message)
        }
        let result = outbox.yield(item)
        metrics.count(message, result)
        if result == .dropped, !overflowed.contains(id) { overflowed.append(id) }
    }
}
