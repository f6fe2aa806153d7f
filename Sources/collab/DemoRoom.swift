import Collaboration
import Foundation
import Logging
import Opus
import RTCBase
import ServiceLifecycle
import SignalingServer
import Synchronization
import WebRTC

/// `collab demo` and `collab bench engine`: an embedded signaling server on loopback and a host
/// plus guests (CollaborationEngines) in this process, at a musician's load, for a while.
struct DemoRoom {
    let guests: Int
    let duration: Duration
    let secret: String?
    let midiRate: Int
    let audio: Bool
    /// How the host's room sends audio.
    var audioSettings = AudioSettings()
    /// Every participant's Opus encoder complexity.
    var opusComplexity = OpusConfiguration.defaultComplexity
    let view: DemoView?
    let logger: Logger
    /// Where the host records the session (`--record`), if anywhere.
    var record: URL? = nil
    /// Every engine's ``EngineTiming/sackFrequency`` (`bench engine --sack-frequency`).
    var sackFrequency = EngineTiming().sackFrequency

    struct Outcome {
        var cpuSeconds: Double
        var wallSeconds: Double
        var engines: Int
        var statistics: [(name: String, peers: [PeerStatistics])]
        var tallies: [DemoTally.Counts]
        var connected: Bool
        /// Per participant, what it received of each other's audio, read at the end of play.
        var audio: [(name: String, peers: [AudioParticipantStatistics])]
        /// The loudest sample each participant's stand-in audio callback rendered.
        var peaks: [Float]
        /// The host's recording, when `record` was set.
        var recording: RecordingIndex? = nil
        /// The host, whose recorder may still be writing the end (``CollaborationEngine/finishedRecording()``).
        var host: CollaborationEngine? = nil
        /// What every peer connection in this process put on the wire over the playing time.
        var wire = WireCounts()
    }

    /// Plays for `duration`, or until the task is cancelled (Ctrl-C in `collab demo`): then it
    /// stops at once and shuts down as at the end, the sound cards joined and every engine closed,
    /// and reports what was played. Whatever fails on the way, the engines and the server are closed.
    func run() async throws -> Outcome {
        let (portStream, portSink) = AsyncStream.makeStream(of: Int.self)
        var configuration = SignalingServerConfiguration()
        configuration.port = 0
        let server = SignalingService(configuration: configuration, logger: logger) { portSink.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        let serverTask = Task { try await group.run() }
        defer { serverTask.cancel() }
        var ports = portStream.makeAsyncIterator()
        guard let port = await ports.next() else { throw DemoError("the signaling server did not start") }
        let url = "ws://127.0.0.1:\(port)/ws"
        view?.note("signaling server on \(url)")

        let engines = (0...guests).map { index in
            var engineConfiguration = EngineConfiguration(signalingURL: url, displayName: Self.names[index], roomSecret: secret)
            engineConfiguration.logger = logger
            engineConfiguration.audio = audioSettings
            engineConfiguration.opusComplexity = opusComplexity
            engineConfiguration.timing.sackFrequency = sackFrequency
            return CollaborationEngine(configuration: engineConfiguration)
        }
        let tallies = engines.indices.map { DemoTally(name: Self.names[$0]) }
        let directory = Mutex<[UUID: String]>([:])
        let lookup: @Sendable (UUID) -> String = { id in directory.withLock { $0[id] } ?? String(id.uuidString.prefix(4)) }
        let consumers = zip(engines, tallies).map { engine, tally in Task { await tally.consume(engine, names: lookup) } }
        let outcome: Result<Outcome, any Error>
        do {
            outcome = .success(try await play(engines: engines, tallies: tallies, directory: directory, lookup: lookup))
        } catch {
            outcome = .failure(error)
        }
        // `close()` stops the host's recording too, when playing failed before it was stopped.
        for engine in engines.reversed() { await engine.close() }
        for consumer in consumers { await consumer.value }
        await group.triggerGracefulShutdown()
        _ = await serverTask.result
        return try outcome.get()
    }

    private static let names = ["Ana", "Ben", "Caro", "Dev", "Eli", "Fay", "Gus", "Hana"]

    /// The session itself, from the room's creation to the counters read after play.
    private func play(engines: [CollaborationEngine], tallies: [DemoTally], directory: borrowing Mutex<[UUID: String]>,
                      lookup: @escaping @Sendable (UUID) -> String) async throws -> Outcome {
        let names = Self.names
        let session = try await engines[0].createSession()
        directory.withLock { $0[session.localParticipantID] = names[0] }
        view?.note("\(names[0]) created room \(session.roomCode)\(secret == nil ? "" : " (room secret set: bio and signaling sealed)")")
        for (index, engine) in engines.enumerated().dropFirst() {
            let joined = try await engine.join(code: session.roomCode.lowercased())
            directory.withLock { $0[joined.localParticipantID] = names[index] }
            view?.note("\(names[index]) joined by code")
        }
        let connectStart = ContinuousClock.now
        var connected = false
        while ContinuousClock.now - connectStart < .seconds(20) {
            connected = engines.allSatisfy { engine in
                engine.participants.count == engines.count && engine.participants.allSatisfy { $0.state == .local || $0.state == .connected }
            }
            if connected { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        view?.note(connected ? "full mesh up in \(DemoView.format(ContinuousClock.now - connectStart))" : "mesh incomplete after 20 s")
        if let record {
            try engines[0].startRecording(to: record)
            view?.note("\(names[0]) records the session into \(record.path)")
        }

        let cpuStart = ProcessCPUTime.seconds()
        let wireStart = WireCounters.snapshot()
        let wallStart = ContinuousClock.now
        // Each musician plays on its sound card's thread: no sleeping task per participant.
        let soundCards = engines.enumerated().map { index, engine in
            SoundCard(engine: engine, index: index, capture: audio, musician: Musician(engine: engine, index: index, midiRate: midiRate))
        }
        let players = engines
        let chatter = Task {
            var line = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3))
                line += 1
                let speaker = line % players.count
                try? players[speaker].send(chat: ["ready?", "nice groove", "slower breath…", "take it, \(names[(speaker + 1) % players.count])", "from the top"][line % 5])
            }
        }
        // From here nothing throws: a cancelled sleep ends the play early, and the sound cards
        // are always stopped and joined below.
        if let view {
            while ContinuousClock.now - wallStart < duration, !Task.isCancelled {
                // The last period is cut short: off a terminal the view's 5 s would overshoot `--seconds`.
                try? await Task.sleep(for: min(view.period, duration - (ContinuousClock.now - wallStart)))
                view.render(engines: engines, names: lookup, tallies: tallies, elapsed: ContinuousClock.now - wallStart, total: duration,
                            roomCode: session.roomCode, sealed: secret != nil)
            }
        } else {
            try? await Task.sleep(for: duration)
        }
        let interrupted = Task.isCancelled
        chatter.cancel()
        // Capture and the musicians stop with the rendering: the statistics are read after all.
        var peaks: [Float] = []
        var midiSent = 0
        for card in soundCards {
            let outcome = await card.stop()
            peaks.append(outcome.peak)
            midiSent += outcome.midiSent
        }
        let audioStatistics = engines.enumerated().map { (names[$0.offset], $0.element.audioStatistics()) }
        let cpu = ProcessCPUTime.seconds() - cpuStart
        let wire = WireCounters.snapshot() - wireStart
        let wall = (ContinuousClock.now - wallStart).rtcSeconds
        // Let the last MIDI batches and in-flight messages land before counting: the reliable
        // channels (chat, MIDI) must arrive whole, so wait until every engine has received what
        // the others sent, and has played every MIDI event (play-out is the sender's time plus a
        // delay, after the wire), polling the counters, for at most 5 s; not after an interrupt,
        // which asks for a prompt stop.
        let midiExpected = midiSent * (engines.count - 1)
        let drainDeadline = ContinuousClock.now + .seconds(5)
        while !interrupted, ContinuousClock.now < drainDeadline {
            let all = engines.flatMap { $0.statistics() }
            let drained = [EngineChannel.chat, .midi].allSatisfy { channel in
                all.reduce(0) { $0 + ($1.channels[channel]?.sent ?? 0) }
                    == all.reduce(0) { $0 + ($1.channels[channel]?.received ?? 0) }
            }
            let played = tallies.reduce(0) { $0 + $1.counts.withLock { $0.midiEvents } }
            if drained, played >= midiExpected { break }
            // An interrupt during the drain ends it: a cancelled sleep returns at once and would spin.
            do { try await Task.sleep(for: .milliseconds(50)) } catch { break }
        }
        let statistics = engines.enumerated().map { (names[$0.offset], $0.element.statistics()) }
        let recording = await engines[0].stopRecording()
        return Outcome(cpuSeconds: cpu, wallSeconds: wall, engines: engines.count, statistics: statistics,
                       tallies: tallies.map { $0.counts.withLock { $0 } }, connected: connected, audio: audioStatistics, peaks: peaks,
                       recording: recording, host: engines[0], wire: wire)
    }
}

/// A demo that could not run.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
