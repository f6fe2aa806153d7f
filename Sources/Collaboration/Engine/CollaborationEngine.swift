public import Foundation
import Logging
import SignalingClient
import SignalingProtocol
import Synchronization
import WebRTC

/// The real-time collaboration engine a music app embeds: a session on a signaling server, a
/// full mesh of peer links, the five channels, clock sync, group bio-sync and reconnection.
///
/// ```swift
/// let engine = CollaborationEngine(configuration: .init(signalingURL: url, displayName: "Ana"))
/// let session = try await engine.createSession()      // share session.roomCode
/// try engine.send(chat: "ready?")
/// for await event in engine.events { ... }
/// ```
///
/// Mesh rule: for each pair of participants the one with the lexicographically smaller
/// participant ID (`uuidString`) makes the offer, so two peers never offer to each other at once;
/// the same side makes every later offer (restarts). Each link carries the five
/// ``EngineChannel``s, pre-negotiated with ids 0-4 (docs/PROTOCOL.md, "Peer links").
///
/// Threading: every method may be called from any task. `send` methods are synchronous and
/// cheap (encode, then hand to the data channels); negotiation and housekeeping run in one
/// supervisor task, in order. Call ``close()`` when done: the engine's tasks hold it until then.
public final class CollaborationEngine: Sendable {
    /// The settings the engine was made with.
    public let configuration: EngineConfiguration
    /// Everything the engine reports, in order. Iterate it from one task; when the application
    /// falls `EngineLimits.eventBuffer` events behind, the oldest are dropped.
    public let events: AsyncStream<EngineEvent>

    let eventSink: AsyncStream<EngineEvent>.Continuation
    /// In a struct, not `Mutex<closure?>`: a function value inside a generic `Mutex` is re-abstracted
    /// on every `withLock` (inout: a thunk in, a thunk back), so each read wrapped it in two more
    /// thunks until calling it cost a quarter of the process.
    let mediaHandler = Mutex(HandlerBox<EngineEvent>())
    let state: Mutex<EngineState>
    let signaling: SignalingSession
    let transport: any PeerTransport
    let inboxSink: AsyncStream<SupervisorInput>.Continuation
    let tasks = Mutex<[Task<Void, Never>]>([])
    let logger: Logger
    let clock: @Sendable () -> Int64

    /// Creates an engine; nothing connects until ``createSession()`` or ``join(code:)``.
    public init(configuration: EngineConfiguration) {
        self.configuration = configuration
        logger = configuration.logger
        clock = configuration.clock
        (events, eventSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(configuration.limits.eventBuffer))
        state = Mutex(EngineState(midiInterval: configuration.timing.midiBatchInterval.engineMicroseconds))
        var signalingConfiguration = SignalingSessionConfiguration(url: configuration.signalingURL)
        signalingConfiguration.initialBackoff = .milliseconds(100)
        signalingConfiguration.maxBackoff = .seconds(5)
        signaling = SignalingSession(configuration: signalingConfiguration, logger: configuration.logger)
        // A bad address is refused by `createSession`/`join` (`validate()`): no link is made before.
        let addresses = (try? WebRTCTransport.policy(addresses: configuration.hostAddresses,
                                                     signalingURL: configuration.signalingURL)) ?? .loopback
        transport = configuration.transport ?? WebRTCTransport(hostAddresses: addresses, logger: configuration.logger)
        let (inbox, inboxSink) = AsyncStream.makeStream(
            of: SupervisorInput.self, bufferingPolicy: .bufferingOldest(configuration.limits.supervisorQueue))
        self.inboxSink = inboxSink
        startTasks(inbox: inbox)
    }

    private func startTasks(inbox: AsyncStream<SupervisorInput>) {
        let signalingEvents = signaling.events
        let sink = inboxSink
        let tick = configuration.timing.tick
        let supervisor = Task { [weak self] in
            for await input in inbox {
                guard let self else { return }
                await self.handle(input)
            }
        }
        let forwarder = Task {
            for await event in signalingEvents { sink.yield(.signaling(event)) }
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                if case .terminated = sink.yield(.tick) { return }
            }
        }
        tasks.withLock { $0 = [supervisor, forwarder, ticker] }
    }

    // MARK: observable state

    /// The engine's local clock, microseconds: the clock MIDI and bio timestamps are on.
    public func now() -> Int64 { clock() }

    /// The session state.
    public var connectionState: EngineConnectionState { state.withLock { $0.connection } }

    /// The current session, if any.
    public var session: CollaborationSession? { state.withLock { $0.session } }

    /// The current host (it changes when the host leaves).
    public var hostID: UUID? { state.withLock { $0.hostID } }

    /// Everyone in the session: ourselves first, then the others in order of arrival.
    public var participants: [Participant] {
        state.withLock { state in
            guard let localID = state.localID else { return [] }
            let local = Participant(
                id: localID, name: configuration.displayName, role: state.localRole, isLocal: true,
                isMuted: state.localMuted, state: .local, rtt: nil, clockOffset: nil, quality: nil
            )
            return [local] + state.order.compactMap { state.peers[$0]?.participant() }
        }
    }

    /// The group's bio figures now: means, synchrony, flow leader (our own samples included).
    public var groupBio: GroupBioState {
        let now = clock()
        return state.withLock { $0.group.update(now: now) }
    }

    /// Per-peer, per-channel counters (sent, received, malformed, refused, dropped).
    public func statistics() -> [PeerStatistics] {
        state.withLock { state in
            state.order.compactMap { id in
                state.peers[id].map { PeerStatistics(participant: id, channels: $0.statistics, restarts: $0.restarts) }
            }
        }
    }

    // MARK: session

    /// Creates a room on the signaling server and becomes its host.
    ///
    /// With a room secret the room's keys are derived here (PBKDF2, about 0.1 s).
    public func createSession() async throws(EngineError) -> CollaborationSession {
        try await enter { signaling, name, password async throws in
            try await signaling.createRoom(name: name, password: password)
        }
    }

    /// Joins a room by its six-character code (case-insensitive).
    public func join(code: String) async throws(EngineError) -> CollaborationSession {
        try await enter { signaling, name, password async throws in
            try await signaling.join(code: code, name: name, password: password)
        }
    }

    /// Joins a room by its ID.
    public func join(roomID: UUID) async throws(EngineError) -> CollaborationSession {
        try await enter { signaling, name, password async throws in
            try await signaling.join(roomID: roomID, name: name, password: password)
        }
    }

    /// Leaves the session: links close, the others get `participant-left` from the server.
    public func leave() async {
        await withCheckedContinuation { continuation in
            if case .terminated = inboxSink.yield(.leave(continuation)) { continuation.resume() }
        }
    }

    /// Drops the signaling socket and lets the client resume (as after a network change).
    /// Peer links are not touched. For tests and for a "reconnect" button.
    public func reconnectSignaling() async {
        await signaling.reconnect()
    }

    /// Leaves the session and stops the engine for good; ``events`` finishes.
    public func close() async {
        if state.withLock({ $0.session != nil }) { await leave() }
        state.withLock { $0.closed = true }
        await signaling.close()
        inboxSink.finish()
        for task in tasks.withLock({ $0 }) { task.cancel() }
        let links = state.withLock { state in
            defer { for id in state.peers.keys { state.peers[id]?.link = nil } }
            return state.peers.values.compactMap(\.link)
        }
        for link in links { await link.close() }
        eventSink.finish()
    }

    private func enter(
        _ request: @Sendable (SignalingSession, String, String?) async throws -> RoomMembership
    ) async throws(EngineError) -> CollaborationSession {
        try configuration.validate()
        let busy: EngineError? = state.withLock { state in
            if state.closed { return .closed }
            if state.session != nil || state.connection == .connecting { return .alreadyInSession }
            state.connection = .connecting
            return nil
        }
        if let busy { throw busy }
        emit(.connectionState(.connecting))
        let membership: RoomMembership
        do {
            try await signaling.connect()
            membership = try await request(signaling, configuration.displayName, configuration.roomPassword)
        } catch {
            state.withLock { $0.connection = .disconnected }
            emit(.connectionState(.disconnected))
            throw (error as? SignalingSessionError).map(EngineError.signaling) ?? .transport("\(error)")
        }
        var keys: RoomKeys?
        if let secret = configuration.roomSecret {
            do {
                keys = try RoomKeys(secret: secret, roomID: membership.roomID)
            } catch {
                try? await signaling.leave()
                state.withLock { $0.connection = .disconnected }
                emit(.connectionState(.disconnected))
                throw .seal(error)
            }
        }
        await withCheckedContinuation { continuation in
            if case .terminated = inboxSink.yield(.enter(membership, keys, continuation)) { continuation.resume() }
        }
        guard let session = state.withLock({ $0.session }) else { throw .closed }
        return session
    }

    // MARK: plumbing

    /// Hands received media (`.midi`, `.bio`, `.audio`) to `handler` instead of ``events``: no task
    /// switch per frame, which at a musician's load (hundreds of frames a second) is most of what
    /// an application spends receiving. It runs on the thread that produced the event (the peer
    /// connection's event loop for received media; the engine's supervisor for the note-offs of a
    /// lost peer): keep it short and never block, e.g. copy into the audio thread's ring buffer.
    /// Everything else stays on ``events``; `nil` restores media there too.
    public func setMediaHandler(_ handler: (@Sendable (EngineEvent) -> Void)?) {
        mediaHandler.withLock { $0.handler = handler }
    }

    func emit(_ event: EngineEvent) {
        switch event {
        case .midi, .bio, .audio:
            if let handler = mediaHandler.withLock({ $0.handler }) {
                handler(event)
                return
            }
        default:
            break
        }
        eventSink.yield(event)
    }

    func post(_ input: SupervisorInput) {
        if case .dropped = inboxSink.yield(input) {
            logger.warning("engine supervisor queue full: input dropped")
        }
    }
}

extension Duration {
    /// Whole microseconds (saturating).
    var engineMicroseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000).partialValue.addingSaturating(attoseconds / 1_000_000_000_000)
    }
}
