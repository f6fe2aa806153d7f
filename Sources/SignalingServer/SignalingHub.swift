import CoreMetrics
import Foundation
import Logging
import SignalingProtocol

/// Owns the ``SignalingState`` and one bounded outbox per connection; performs the state's
/// actions. Encoding and decoding happen in the connection tasks, not here, so the actor only
/// does bookkeeping.
actor SignalingHub {
    private var state: SignalingState
    private var outboxes: [ConnectionID: AsyncStream<OutboundItem>.Continuation] = [:]
    private var nextID: UInt64 = 0
    private var shuttingDown = false
    private var reportedRooms = 0
    private var random = SystemRandomNumberGenerator()
    let metrics: SignalingMetrics
    private let logger: Logger
    private let configuration: SignalingServerConfiguration

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

    /// Registers a new connection and returns its ID and the stream its writer drains.
    func open(address: String, requestHost: String? = nil) -> (ConnectionID, AsyncStream<OutboundItem>) {
        nextID += 1
        let id = ConnectionID(raw: nextID)
        let (stream, continuation) = AsyncStream.makeStream(
            of: OutboundItem.self, bufferingPolicy: .bufferingOldest(configuration.outboundQueueLimit))
        outboxes[id] = continuation
        state.connected(id, address: address, requestHost: requestHost)
        metrics.connections.record(outboxes.count)
        if shuttingDown { continuation.yield(.close(.goingAway)) }
        return (id, stream)
    }

    /// Handles one decoded message from a connection; true when it earned the sender an error.
    func receiveReportingError(_ message: ClientMessage, from id: ConnectionID) -> Bool {
        let actions = state.receive(message, from: id, now: .now, random: &random)
        perform(actions)
        return actions.contains { action in
            if case .send(let target, .error) = action { return target == id }
            return false
        }
    }

    /// Closes one connection with a reason.
    func closeConnection(_ id: ConnectionID, _ reason: CloseReason) {
        outboxes[id]?.yield(.close(reason))
    }

    /// The connection's socket has closed.
    func closed(_ id: ConnectionID) {
        guard let continuation = outboxes.removeValue(forKey: id) else { return }
        continuation.finish()
        metrics.connections.record(outboxes.count)
        perform(state.disconnected(id, now: .now))
    }

    /// Sends a reply the connection task produced itself (a parse error, `too-large`, `pong`).
    func reply(_ message: ServerMessage, to id: ConnectionID) {
        send(message, to: id)
    }

    /// Asks every connection to close (server shutdown); new ones are closed at once.
    func shutdown() {
        shuttingDown = true
        for continuation in outboxes.values { continuation.yield(.close(.goingAway)) }
    }

    private func perform(_ actions: [SignalingAction]) {
        for action in actions {
            switch action {
            case .send(let id, let message):
                send(message, to: id)
            case .close(let id, let reason):
                outboxes[id]?.yield(.close(reason))
            case .expireGrace(let roomID, let participantID, let deadline):
                Task { [weak self] in
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    await self?.expire(roomID: roomID, participantID: participantID)
                }
            }
        }
        // Relays (the common case) leave the room count alone: only touch the gauge on a change.
        if state.roomCount != reportedRooms {
            reportedRooms = state.roomCount
            metrics.rooms.record(reportedRooms)
        }
    }

    private func expire(roomID: UUID, participantID: UUID) {
        let actions = state.expireGrace(roomID: roomID, participantID: participantID, now: .now)
        if !actions.isEmpty || state.rooms[roomID]?.index(of: participantID) == nil {
            logger.info("resume grace ran out", metadata: ["participant": "\(participantID)"])
        }
        perform(actions)
    }

    private func send(_ message: ServerMessage, to id: ConnectionID) {
        guard let outbox = outboxes[id] else { return }
        switch message {
        case .offer, .answer, .candidate: metrics.relayed.increment()
        case .error(let error): metrics.error(error.code)
        default: break
        }
        if case .dropped = outbox.yield(.message(message)) {
            logger.warning("closing a connection that reads too slowly", metadata: ["connection": "\(id)"])
            // The queue is full, so this close cannot be queued behind it: finish the stream so
            // the writer stops, which closes the socket.
            outbox.finish()
        }
    }
}
