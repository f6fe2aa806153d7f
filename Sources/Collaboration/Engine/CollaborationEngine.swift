public import Foundation
import Logging
import SignalingClient
import SignalingProtocol
import Synchronization
import WebRTC
import RTCBase

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
/// participant ID (`uuidString`) makes the offer; the same side makes every later offer
/// (restarts). Each link carries the five ``EngineChannel``s, pre-negotiated with ids 0-4
/// (docs/PROTOCOL.md, "Peer links").
///
/// Threading: every method may be called from any task. The decisions live in a sans-IO
/// `EngineCore` behind one lock; every input (signaling, link events, ticks, sends) goes through
/// it in one order, and nothing awaits while holding it. `send` methods are synchronous and cheap.
/// Steps that await (signaling sends, link negotiation) run in one performer task, in the order
/// the core asked for them. Call ``close()`` when done: the engine's tasks hold it until then.
public final class CollaborationEngine: Sendable {
    /// The settings the engine was made with.
    public let configuration: EngineConfiguration
    /// Everything the engine reports, in order. Iterate it from one task; when the application
    /// falls `EngineLimits.eventBuffer` events behind, the oldest are dropped.
    public let events: AsyncStream<EngineEvent>

    let eventSink: AsyncStream<EngineEvent>.Continuation
    /// In a struct, not `Mutex<closure?>`: a function value inside a generic `Mutex` is re-abstracted
    /// on every `withLock`, so each read wrapped it in two more thunks.
    let mediaHandler = Mutex(HandlerBox<EngineEvent>())
    /// The one owner of the engine's state; see ``withCore(_:)``.
    let core: Mutex<EngineCore>
    let signaling: SignalingSession
    let transport: any PeerTransport
    let workSink: AsyncStream<DriverWork>.Continuation
    /// The performer's step under way and when it began (µs), and how many wait behind it: a
    /// step that never finishes holds every link's negotiation, and a report must say so.
    let performerState = Mutex<(step: DriverWork?, since: Int64, queued: Int)>((nil, 0, 0))
    let tasks = Mutex<[Task<Void, Never>]>([])
    /// The thread of this engine's links (with the default transport) and of its timers.
    let loop: PeerConnectionLoop
    let timers = Mutex<[LoopTimer]>([])
    let logger: Logger
    let clock: @Sendable () -> Int64
    /// Received audio for the application's audio callback (jitter buffer, decode, mix).
    public let audioOutput: AudioOutput
    /// The encoder side; its own lock, so encoding never holds the core's.
    let audioSender: Mutex<AudioSender>
    /// The running recording, if any (``startRecording(to:)``).
    let recorder = Mutex<SessionRecorder?>(nil)
    /// A recording whose stop gave up waiting for the disk, until its writer is done
    /// (``finishedRecording()``).
    let unfinishedRecorder = Mutex<SessionRecorder?>(nil)

    /// Creates an engine; nothing connects until ``createSession()`` or ``join(code:)``.
    public init(configuration: EngineConfiguration) {
        self.configuration = configuration
        logger = configuration.logger
        clock = configuration.clock
        (events, eventSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(configuration.limits.eventBuffer))
        core = Mutex(EngineCore(displayName: configuration.displayName, timing: configuration.timing,
                                limits: configuration.limits, iceServers: configuration.iceServers, audio: configuration.audio))
        audioSender = Mutex(AudioSender(settings: configuration.audio, complexity: configuration.opusComplexity))
        audioOutput = AudioOutput(pumpInterval: configuration.timing.audioPump)
        var signalingConfiguration = SignalingSessionConfiguration(url: configuration.signalingURL)
        signalingConfiguration.initialBackoff = .milliseconds(100)
        signalingConfiguration.maxBackoff = .seconds(5)
        signalingConfiguration.additionalTrustRootsPEM = configuration.signalingTrustRootsPEM
        signalingConfiguration.accessToken = configuration.signalingAccessToken
        signaling = SignalingSession(configuration: signalingConfiguration, logger: configuration.logger)
        // A bad address is refused by `createSession`/`join` (`validate()`): no link is made before.
        let addresses = (try? WebRTCTransport.policy(addresses: configuration.hostAddresses,
                                                     signalingURL: configuration.signalingURL)) ?? .loopback
        loop = PeerConnectionLoop.next()
        transport = configuration.transport ?? WebRTCTransport(hostAddresses: addresses, loop: loop,
                                                                     sackFrequency: configuration.timing.sackFrequency,
                                                                     logger: configuration.logger)
        let (work, workSink) = AsyncStream.makeStream(
            of: DriverWork.self, bufferingPolicy: .bufferingOldest(configuration.limits.supervisorQueue))
        self.workSink = workSink
        startTasks(work: work)
    }

    deinit {
        // Dropped without `close()`: the timers on the loop would otherwise run on forever.
        for timer in timers.withLock({ $0 }) { timer.cancel() }
    }

    /// Whether this engine's links gather on every interface, so that an interface change matters
    /// (not with fixed addresses, a custom transport, or a server on loopback).
    private var watchesInterfaces: Bool {
        configuration.transport == nil
            && (try? WebRTCTransport.policy(addresses: configuration.hostAddresses,
                                            signalingURL: configuration.signalingURL)) == .automatic
    }

    private func startTasks(work: AsyncStream<DriverWork>) {
        let signalingEvents = signaling.events
        let tick = configuration.timing.tick
        let performer = Task { [weak self] in
            for await item in work {
                guard let self else { return }
                let now = self.clock()
                // Only actions are counted in when queued (a barrier is not a link step).
                let counted = if case .action = item { 1 } else { 0 }
                self.performerState.withLock { $0 = (item, now, $0.queued - counted) }
                await self.perform(item)
                self.performerState.withLock { $0.step = nil }
            }
        }
        let forwarder = Task { [weak self] in
            for await event in signalingEvents {
                guard let self else { return }
                self.signalingEvent(event)
            }
        }
        // The periodic work runs on the links' loop, which is awake for their sockets anyway: a
        // sleeping task costs a thread wake-up per period, and the pump runs 500 times a second.
        var timers = [loop.repeating(every: tick) { [weak self] in self?.apply(.tick) }]
        if configuration.receivesAudio {
            let output = audioOutput
            let clock = self.clock
            // Fixed delay between runs: after a stall (a suspended laptop) missed periods are not
            // run back to back.
            timers.append(loop.repeating(every: configuration.timing.audioPump) { output.pump(now: clock()) })
        }
        self.timers.withLock { $0 = timers }
        var all = [performer, forwarder]
        if watchesInterfaces {
            let poll = configuration.timing.interfacePoll
            all.append(Task { [weak self] in
                var known = HostInterfaces.usable().map(\.description)
                for await _ in InterfaceWatch.wakes(poll: poll) {
                    guard let self, !Task.isCancelled else { return }
                    let now = HostInterfaces.usable().map(\.description)
                    if let change = InterfaceChange.between(known, now) {
                        known = now
                        self.logger.info("network interfaces changed", metadata: ["gone": "\(change.removed)",
                                                                                   "new": "\(change.added)"])
                        // The signaling socket may have left from a vanished address too: a TCP
                        // connection notices that only after minutes, so start a new one (it
                        // resumes the room; offers made meanwhile are queued for it).
                        if !change.removed.isEmpty { await self.signaling.reconnect() }
                        self.apply(.networkChanged(change))
                    }
                }
            })
        }
        tasks.withLock { $0 = all }
    }

    // MARK: observable state

    /// The engine's local clock, microseconds: the clock MIDI and bio timestamps are on.
    public func now() -> Int64 { clock() }

    /// The session state.
    public var connectionState: EngineConnectionState { core.withLock { $0.connection } }

    /// The current session, if any.
    public var session: CollaborationSession? { core.withLock { $0.room?.session } }

    /// The current host (it changes when the host leaves).
    public var hostID: UUID? { core.withLock { $0.room?.hostID } }

    /// Everyone in the session: ourselves first, then the others in order of arrival.
    public var participants: [Participant] { core.withLock { $0.participants } }

    /// The group's bio figures now: means, synchrony, flow leader (our own samples included).
    public var groupBio: GroupBioState {
        let now = clock()
        return core.withLock { $0.group.update(now: now) }
    }

    /// Per-peer, per-channel counters (sent, received, malformed, refused, dropped).
    public func statistics() -> [PeerStatistics] { core.withLock { $0.statistics } }

    /// How the room sends audio now (the host's choice).
    public var audioSettings: AudioSettings { core.withLock { $0.audioSettings } }

    /// Per remote participant: the received audio's jitter buffer, loss, recovery and
    /// concealment counters and the estimated capture-to-playout latency.
    public func audioStatistics() -> [AudioParticipantStatistics] {
        let rtt = Dictionary(participants.compactMap { participant in
            participant.rtt.map { (participant.id, $0.engineMicroseconds) }
        }, uniquingKeysWith: { first, _ in first })
        return audioOutput.statistics(rtt: rtt)
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
        _ = await stopRecording()
        apply(.leave)
        await barrier()
    }

    /// Drops the signaling socket and lets the client resume (as after a network change).
    /// Peer links are not touched. For tests and for a "reconnect" button.
    public func reconnectSignaling() async {
        await signaling.reconnect()
    }

    /// Leaves the session and stops the engine for good; ``events`` finishes.
    public func close() async {
        if core.withLock({ $0.room != nil }) { await leave() }
        _ = await stopRecording()
        let links = core.withLock { $0.close() }
        await signaling.close()
        workSink.finish()
        for task in tasks.withLock({ $0 }) { task.cancel() }
        for timer in timers.withLock({ $0 }) { timer.cancel() }
        for link in links { await link.close() }
        eventSink.finish()
    }

    private func enter(
        _ request: @Sendable (SignalingSession, String, String?) async throws -> RoomMembership
    ) async throws(EngineError) -> CollaborationSession {
        try configuration.validate()
        try withCore { core throws(EngineError) in try core.beginEntering() }
        let membership: RoomMembership
        do {
            try await signaling.connect()
            membership = try await request(signaling, configuration.displayName, configuration.roomPassword)
        } catch {
            apply(.enterFailed)
            throw .signaling((error as? SignalingSessionError) ?? .connectFailed("\(error)"))
        }
        var keys: RoomKeys?
        if let secret = configuration.roomSecret {
            do {
                keys = try RoomKeys(secret: secret, roomID: membership.roomID)
            } catch {
                try? await signaling.leave()
                apply(.enterFailed)
                throw .seal(error)
            }
        }
        apply(.entered(RoomSnapshot(membership), keys: keys))
        guard let session = core.withLock({ $0.room?.session }) else { throw .closed }
        return session
    }

    // MARK: media handler

    /// Hands received media (`.midi`, `.bio`, `.audio`) to `handler` instead of ``events``: no task
    /// switch per frame, which at a musician's load (hundreds of frames a second) is most of what
    /// an application spends receiving. It runs on the thread that produced the event (the peer
    /// connection's event loop for received media; the engine's tick or performer for the
    /// note-offs of a lost peer): keep it short and never block, e.g. copy into the audio thread's
    /// ring buffer. Everything else stays on ``events``; `nil` restores media there too.
    public func setMediaHandler(_ handler: (@Sendable (EngineEvent) -> Void)?) {
        mediaHandler.withLock { $0.handler = handler }
    }
}

extension Duration {
    /// Whole microseconds (saturating).
    var engineMicroseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000).partialValue.addingSaturating(attoseconds / 1_000_000_000_000)
    }
}
