public import Foundation
import HummingbirdWSClient
public import Logging
import NIOCore
import RTCBase
public import SignalingProtocol
import DequeModule

/// A client of the signaling server (protocol v1) over WebSocket.
///
/// Requests (`createRoom`, `join`, `ping`) wait for their answer; relayed messages and
/// membership notices arrive on ``events``. After an unexpected drop the client reconnects with
/// exponential backoff and jitter, resumes its room with the resume token, and then sends what
/// was queued meanwhile (the queue is bounded: past it `send` throws `queueFull`).
public actor SignalingSession {
    /// Everything the client reports; read it continuously.
    public nonisolated let events: AsyncStream<SignalingEvent>
    /// The current room, if any, kept current from membership notices.
    public internal(set) var membership: RoomMembership?
    /// The connection state.
    public private(set) var state: SignalingConnectionState = .disconnected

    let configuration: SignalingSessionConfiguration
    let logger: Logger
    private let eventSink: AsyncStream<SignalingEvent>.Continuation
    /// The live socket's writer queue, nil while disconnected.
    var writer: AsyncStream<String>.Continuation?
    /// Messages waiting for a connection (or for a resume to finish).
    var queue: [ClientMessage] = []
    var resuming = false
    var pendingRequest: (id: UInt64, continuation: CheckedContinuation<ServerMessage, any Error>)?
    var pendingPings: Deque<(id: UInt64, continuation: CheckedContinuation<Void, any Error>)> = []
    var connectWaiter: CheckedContinuation<Void, any Error>?
    private var nextRequestID: UInt64 = 0
    var runTask: Task<Void, Never>?
    /// The current WebSocket connection, cancelled by ``reconnect()``.
    var connectionTask: Task<WebSocketCloseFrame?, any Error>?
    /// Connections attempted so far: each one takes the next of the URL and its fallbacks.
    var connectionAttempts = 0
    var pendingName = ""

    /// Creates a client; nothing happens until ``connect()``.
    public init(configuration: SignalingSessionConfiguration, logger: Logger = Logger(label: "collab.signaling.client")) {
        self.configuration = configuration
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingOldest(configuration.eventBufferLimit))
    }

    /// Connects; throws if the first connection cannot be made. Later drops reconnect by themselves.
    public func connect() async throws {
        guard state == .disconnected else {
            if state == .closed { throw SignalingSessionError.closed }
            return
        }
        guard configuration.url.hasPrefix("ws://") || configuration.url.hasPrefix("wss://") else {
            throw SignalingSessionError.invalidURL(configuration.url)
        }
        setState(.connecting)
        let timeout = configuration.connectTimeout
        try await withCheckedThrowingContinuation { continuation in
            connectWaiter = continuation
            runTask = Task { await self.runLoop() }
            Task {
                try? await Task.sleep(for: timeout)
                self.failConnectWaiter(.connectFailed("timed out after \(timeout)"))
            }
        }
    }

    /// Creates a room and becomes its host.
    @discardableResult
    public func createRoom(name: String, password: String? = nil) async throws -> RoomMembership {
        try requireNoRoom()
        pendingName = name
        let reply = try await request(.createRoom(name: name, password: password))
        guard case .roomCreated(let created) = reply else { throw SignalingSessionError.connectionLost }
        let membership = RoomMembership(created, name: name)
        self.membership = membership
        return membership
    }

    /// Joins a room by its 6-character code (case-insensitive).
    @discardableResult
    public func join(code: String, name: String, password: String? = nil) async throws -> RoomMembership {
        try requireNoRoom()
        return try await joined(request(.joinCode(roomCode: code, name: name, password: password)))
    }

    /// Joins a room by its ID.
    @discardableResult
    public func join(roomID: UUID, name: String, password: String? = nil) async throws -> RoomMembership {
        try requireNoRoom()
        return try await joined(request(.join(roomID: roomID, name: name, password: password, resumeToken: nil)))
    }

    /// Sends an SDP offer to one participant.
    public func sendOffer(to participant: UUID, sdp: String) throws {
        try send(.offer(to: participant, sdp: sdp))
    }

    /// Sends an SDP answer to one participant.
    public func sendAnswer(to participant: UUID, sdp: String) throws {
        try send(.answer(to: participant, sdp: sdp))
    }

    /// Sends a trickled ICE candidate to one participant.
    public func sendCandidate(to participant: UUID, candidate: ICECandidateInit) throws {
        try send(.candidate(to: participant, candidate: candidate))
    }

    /// Leaves the room (the connection stays open for another room).
    public func leave() throws {
        guard membership != nil else { throw SignalingSessionError.notInRoom }
        membership = nil
        queue.removeAll()
        try send(.leave)
    }

    /// Host only: removes a participant from the room. The server closes its connection and keeps
    /// it out of the room for 10 minutes; everyone gets `participant-left {reason: "removed"}`. A
    /// refusal (`unauthorized` for a non-host, `unknown-target`) arrives on ``events``.
    public func remove(participant: UUID) throws {
        guard membership != nil else { throw SignalingSessionError.notInRoom }
        try send(.remove(participantID: participant))
    }

    /// Asks the server for fresh STUN/TURN servers (TURN credentials expire): the engine calls it
    /// before a link restart and after a resume. Also updates ``membership``'s `iceServers`.
    ///
    /// - Throws: ``SignalingSessionError/server(_:)`` with `unknown-type` from a server older than
    ///   this addition to v1 (keep using the servers from `joined`), `not-in-room` outside a room.
    public func refreshICEServers() async throws -> [ICEServer] {
        guard membership != nil else { throw SignalingSessionError.notInRoom }
        let reply = try await request(.refreshICEServers)
        guard case .iceServers(let servers) = reply else { throw SignalingSessionError.connectionLost }
        return servers
    }

    /// Round trip to the server.
    public func ping() async throws -> Duration {
        guard let writer, !resuming else { throw SignalingSessionError.notConnected }
        let start = ContinuousClock.now
        nextRequestID += 1
        let id = nextRequestID
        let timeout = configuration.requestTimeout
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pendingPings.append((id, continuation))
            writer.yield(ClientMessage.ping.jsonText())
            Task {
                try? await Task.sleep(for: timeout)
                self.failPing(id, .timeout)
            }
        }
        return ContinuousClock.now - start
    }

    /// Drops the current socket and reconnects (then resumes the room), as after a network
    /// change. Messages sent meanwhile are queued.
    public func reconnect() {
        guard state == .connected, let writer else { return }
        logger.info("dropping the signaling connection on request")
        self.writer = nil
        writer.finish()
        // Not a polite close: after a network change the socket's address may be gone, and a
        // close handshake on it waits for an answer that cannot come.
        connectionTask?.cancel()
        setState(.reconnecting)
    }

    /// Sends a raw JSON text frame as is (for tests and tools that probe the server).
    public func sendRaw(_ text: String) throws {
        guard let writer else { throw SignalingSessionError.notConnected }
        writer.yield(text)
    }

    /// Closes the connection for good; the events stream finishes.
    public func close() async {
        guard state != .closed else { return }
        if membership != nil, let writer, !resuming {
            // Closing on purpose is leaving: others should not wait out a grace period for us.
            writer.yield(ClientMessage.leave.jsonText())
            membership = nil
        }
        setState(.closed)
        if let writer {
            // Let the writer send what is queued (the leave), then close the socket; the loop ends
            // on its own. Cancelling now would cut the queue short.
            writer.finish()
            self.writer = nil
        } else {
            runTask?.cancel()
        }
        failAll(.closed)
        eventSink.finish()
        await waitForRunLoop()
    }

    /// Waits for the connection loop to end after ``close()``. The close handshake has its own
    /// 5 s timeout, but a connect in progress or a peer that never answers must not hold the
    /// caller: after 6 s the loop is cancelled, and after one more second left to end alone.
    private func waitForRunLoop() async {
        guard let runTask else { return }
        let connection = connectionTask
        let ended = OnceGate<Void>()
        Task { await runTask.value; ended.finish(.success(())) }
        let timer = Task { [logger] in
            try await Task.sleep(for: .seconds(6))
            logger.warning("signaling connection did not close within 6 s; cancelling it")
            runTask.cancel()
            connection?.cancel()
            try await Task.sleep(for: .seconds(1))
            ended.finish(.success(()))
        }
        _ = await ended.wait()
        timer.cancel()
    }

    // MARK: sending

    private func send(_ message: ClientMessage) throws {
        if state == .closed { throw SignalingSessionError.closed }
        if let writer, !resuming {
            writer.yield(message.jsonText())
            return
        }
        guard state == .reconnecting || resuming else { throw SignalingSessionError.notConnected }
        guard queue.count < configuration.maxQueuedMessages else {
            logger.error("signaling queue full while reconnecting", metadata: ["limit": "\(configuration.maxQueuedMessages)"])
            throw SignalingSessionError.queueFull(limit: configuration.maxQueuedMessages)
        }
        queue.append(message)
    }

    private func request(_ message: ClientMessage) async throws -> ServerMessage {
        guard let writer, !resuming else { throw SignalingSessionError.notConnected }
        guard pendingRequest == nil else { throw SignalingSessionError.requestInProgress }
        nextRequestID += 1
        let id = nextRequestID
        let timeout = configuration.requestTimeout
        let reply = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ServerMessage, any Error>) in
            pendingRequest = (id, continuation)
            writer.yield(message.jsonText())
            Task {
                try? await Task.sleep(for: timeout)
                self.failRequest(id, .timeout)
            }
        }
        if case .error(let error) = reply { throw SignalingSessionError.server(error) }
        return reply
    }

    private func joined(_ reply: ServerMessage) throws -> RoomMembership {
        guard case .joined(let body) = reply else { throw SignalingSessionError.connectionLost }
        let membership = RoomMembership(body)
        self.membership = membership
        return membership
    }

    private func requireNoRoom() throws {
        if membership != nil { throw SignalingSessionError.server(SignalingError(.alreadyInRoom, "leave the current room first")) }
    }

    // MARK: failure plumbing

    private func failRequest(_ id: UInt64, _ error: SignalingSessionError) {
        guard let pending = pendingRequest, pending.id == id else { return }
        pendingRequest = nil
        pending.continuation.resume(throwing: error)
    }

    private func failPing(_ id: UInt64, _ error: SignalingSessionError) {
        guard let index = pendingPings.firstIndex(where: { $0.id == id }) else { return }
        pendingPings.remove(at: index).continuation.resume(throwing: error)
    }

    func failConnectWaiter(_ error: SignalingSessionError) {
        guard let waiter = connectWaiter else { return }
        connectWaiter = nil
        waiter.resume(throwing: error)
        if state == .connecting {
            // The first attempt failed: stop the loop rather than retry behind the caller's back.
            runTask?.cancel()
            setState(.disconnected)
        }
    }

    func failAll(_ error: SignalingSessionError) {
        if let pending = pendingRequest {
            pendingRequest = nil
            pending.continuation.resume(throwing: error)
        }
        for ping in pendingPings { ping.continuation.resume(throwing: error) }
        pendingPings.removeAll()
        failConnectWaiter(error)
    }

    func setState(_ new: SignalingConnectionState) {
        guard new != state else { return }
        state = new
        emit(.state(new))
    }

    func emit(_ event: SignalingEvent) {
        if case .dropped = eventSink.yield(event) {
            logger.warning("signaling event dropped: the events stream is not being read")
        }
    }
}
