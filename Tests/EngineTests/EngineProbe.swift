import Collaboration
import Foundation
import RTCBase
import RTCTestSupport
import SignalingProtocol
import Synchronization

/// An engine under test with its events recorded, and bounded waits on conditions that are
/// re-checked whenever the engine reports something (no sleeping, no polling).
final class EngineProbe: Sendable {
    let engine: CollaborationEngine
    let name: String
    /// The engine's last log lines, told with any wait that times out.
    let log: RecentLog
    private let shared = Mutex<(events: [EngineEvent], waiters: [(check: @Sendable ([EngineEvent]) -> Bool, gate: OnceGate<Void>)])>(([], []))
    private let reader: Mutex<Task<Void, Never>?> = Mutex(nil)

    init(_ engine: CollaborationEngine, name: String, log: RecentLog) {
        self.engine = engine
        self.name = name
        self.log = log
        let task = Task { [weak self, events = engine.events] in
            for await event in events {
                guard let self else { return }
                self.record(event)
            }
        }
        reader.withLock { $0 = task }
    }

    /// A probe on a new engine for `server`, with short timers.
    static func make(
        _ server: TestServer, name: String, secret: String? = nil,
        configure: (inout EngineConfiguration) -> Void = { _ in }
    ) -> EngineProbe {
        var configuration = EngineConfiguration(signalingURL: server.url, displayName: name, roomSecret: secret)
        let log = RecentLog()
        configuration.logger = log.logger(label: "engine.\(name)", echo: TestServer.logger)
        configuration.timing.tick = .milliseconds(100)
        configuration.timing.pingInterval = .milliseconds(200)
        configure(&configuration)
        return EngineProbe(CollaborationEngine(configuration: configuration), name: name, log: log)
    }

    /// Ana creates a room, Ben joins it, and both wait until linked: the probes and their IDs.
    static func connectedPair(
        _ server: TestServer, configure: (inout EngineConfiguration) -> Void = { _ in }
    ) async throws -> (probes: [EngineProbe], ids: [UUID]) {
        let probes = ["Ana", "Ben"].map { make(server, name: $0, configure: configure) }
        let session = try await probes[0].engine.createSession()
        _ = try await probes[1].engine.join(code: session.roomCode)
        let ids = probes.compactMap { $0.engine.session?.localParticipantID }
        try await waitMesh(probes)
        return (probes, ids)
    }

    /// Waits until each of `probes` is connected to every other. A timeout also tells every other
    /// probe's links and log: a link that does not come up is often held back at its other end.
    static func waitMesh(_ probes: [EngineProbe], timeout: Duration = .seconds(30)) async throws {
        let ids = probes.map { $0.engine.session?.localParticipantID }
        for (index, probe) in probes.enumerated() {
            do {
                try await probe.waitConnected(to: ids.enumerated().compactMap { $0.offset == index ? nil : $0.element },
                                              timeout: timeout)
            } catch let timeout as TimeoutError {
                throw probes.enumerated().reduce(timeout) { error, other in
                    other.offset == index ? error : other.element.withReport(error)
                }
            }
        }
    }

    private func record(_ event: EngineEvent) {
        let ready: [OnceGate<Void>] = shared.withLock { state in
            state.events.append(event)
            let events = state.events
            var ready: [OnceGate<Void>] = []
            state.waiters.removeAll { waiter in
                guard waiter.check(events) else { return false }
                ready.append(waiter.gate)
                return true
            }
            return ready
        }
        for gate in ready { gate.finish(.success(())) }
    }

    /// Everything recorded so far.
    var events: [EngineEvent] { shared.withLock { $0.events } }

    /// Waits until `check` holds (checked now and after each event), within `timeout`.
    func wait(_ what: String, timeout: Duration = .seconds(30), until check: @escaping @Sendable ([EngineEvent]) -> Bool) async throws {
        do {
            try await waitQuietly(what, timeout: timeout, until: check)
        } catch let timeout as TimeoutError {
            throw withReport(timeout)
        }
    }

    /// A timeout that also tells where this engine's links stand and its last log lines (restarts
    /// and their reasons).
    func withReport(_ timeout: TimeoutError) -> TimeoutError {
        TimeoutError(what: "\(timeout.what)\n--- \(name)'s links ---\n\(engine.linkReport())"
                     + "\n--- \(name)'s last log lines ---\n\(log.text)")
    }

    private func waitQuietly(_ what: String, timeout: Duration, until check: @escaping @Sendable ([EngineEvent]) -> Bool) async throws {
        let gate = OnceGate<Void>()
        let satisfied = shared.withLock { state in
            if check(state.events) { return true }
            state.waiters.append((check, gate))
            return false
        }
        if satisfied { return }
        try await withTimeout(timeout, "\(name): \(what)") { try await gate.wait().get() }
    }

    /// Waits until the engine's own state satisfies `check` (re-checked after each event).
    func waitState(_ what: String, timeout: Duration = .seconds(30), until check: @escaping @Sendable (CollaborationEngine) -> Bool) async throws {
        let engine = self.engine
        try await wait(what, timeout: timeout) { _ in check(engine) }
    }

    /// Waits until every one of `ids` is a connected participant. On a timeout the error names each
    /// peer's state and path, so a slow machine (links still connecting, paths known) can be told
    /// from a stuck link.
    func waitConnected(to ids: [UUID], timeout: Duration = .seconds(30)) async throws {
        let engine = self.engine
        do {
            try await waitQuietly("connected to \(ids.count) peers", timeout: timeout) { _ in
                let connected = Set(engine.participants.filter { $0.state == .connected }.map(\.id))
                return ids.allSatisfy(connected.contains)
            }
        } catch let timeout as TimeoutError {
            let peers = engine.participants.filter { !$0.isLocal }.map { peer in
                // The ID's start, to find the peer in the log lines below.
                "\(peer.name) \(peer.state)" + (peer.path.map { " via \($0)" } ?? "") + " [\(peer.id.uuidString.prefix(8))]"
            }
            throw withReport(TimeoutError(what: "\(timeout.what) (peers: \(peers.joined(separator: "; ")))"))
        }
    }

    /// Closes the engine and releases any waiter.
    func close() async {
        await engine.close()
        let gates = shared.withLock { state in
            defer { state.waiters = [] }
            return state.waiters.map(\.gate)
        }
        for gate in gates { gate.finish(.failure(TimeoutError(what: "\(name) closed"))) }
        reader.withLock { $0?.cancel() }
    }
}

extension Array where Element == EngineEvent {
    /// Chat lines received from `peer`.
    func chats(from peer: UUID) -> [String] {
        compactMap { if case .chat(peer, let text) = $0 { text } else { nil } }
    }

    /// MIDI events received from `peer`, in order.
    func midi(from peer: UUID) -> [MIDIEvent] {
        flatMap { event -> [MIDIEvent] in if case .midi(peer, let events) = event { events } else { [] } }
    }

    /// Bio samples received from `peer`.
    func bio(from peer: UUID) -> [BioSample] {
        compactMap { if case .bio(peer, let sample) = $0 { sample } else { nil } }
    }

    /// Audio frames received from `peer`.
    func audio(from peer: UUID) -> [AudioFrame] {
        compactMap { if case .audio(peer, let frame) = $0 { frame } else { nil } }
    }

    /// Whether a `wrongRoomSecret` error was reported.
    var sawWrongSecret: Bool {
        contains { if case .error(.wrongRoomSecret) = $0 { true } else { false } }
    }
}
