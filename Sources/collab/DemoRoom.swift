import Collaboration
import Foundation
import Logging
import ServiceLifecycle
import SignalingServer
import Synchronization

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
    let view: DemoView?
    let logger: Logger
    /// Where the host records the session (`--record`), if anywhere.
    var record: URL? = nil

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
    }

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

        let names = ["Ana", "Ben", "Caro", "Dev", "Eli", "Fay", "Gus", "Hana"]
        var engines: [CollaborationEngine] = []
        for index in 0...guests {
            var engineConfiguration = EngineConfiguration(signalingURL: url, displayName: names[index], roomSecret: secret)
            engineConfiguration.logger = logger
            engineConfiguration.audio = audioSettings
            engines.append(CollaborationEngine(configuration: engineConfiguration))
        }
        let directory = Mutex<[UUID: String]>([:])
        let lookup: @Sendable (UUID) -> String = { id in directory.withLock { $0[id] } ?? String(id.uuidString.prefix(4)) }
        let tallies = engines.enumerated().map { DemoTally(name: names[$0.offset]) }
        var consumers: [Task<Void, Never>] = []
        for (engine, tally) in zip(engines, tallies) {
            consumers.append(Task { await tally.consume(engine, names: lookup) })
        }

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

        let cpuStart = ProcessUsage.cpuSeconds()
        let wallStart = ContinuousClock.now
        let musicians = engines.enumerated().map { index, engine in
            Task { await Musician(engine: engine, index: index, midiRate: midiRate).run() }
        }
        let soundCards = engines.enumerated().map { index, engine in SoundCard(engine: engine, index: index, capture: audio) }
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
        if let view {
            while ContinuousClock.now - wallStart < duration {
                try await Task.sleep(for: view.period)
                view.render(engines: engines, names: lookup, tallies: tallies, elapsed: ContinuousClock.now - wallStart, total: duration,
                            roomCode: session.roomCode, sealed: secret != nil)
            }
        } else {
            try await Task.sleep(for: duration)
        }
        chatter.cancel()
        for task in musicians { task.cancel() }
        var midiSent = 0
        for task in musicians { midiSent += await task.value }
        // Capture stops with the rendering: the statistics are read after both.
        var peaks: [Float] = []
        for card in soundCards { peaks.append(await card.stop()) }
        let audioStatistics = engines.enumerated().map { (names[$0.offset], $0.element.audioStatistics()) }
        let cpu = ProcessUsage.cpuSeconds() - cpuStart
        let wall = (ContinuousClock.now - wallStart).seconds
        // Let the last MIDI batches and in-flight messages land before counting: the reliable
        // channels (chat, MIDI) must arrive whole, so wait until every engine has received what
        // the others sent, and has played every MIDI event (play-out is the sender's time plus a
        // delay, after the wire), polling the counters, for at most 5 s.
        let midiExpected = midiSent * (engines.count - 1)
        let drainDeadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < drainDeadline {
            let all = engines.flatMap { $0.statistics() }
            let drained = [EngineChannel.chat, .midi].allSatisfy { channel in
                all.reduce(0) { $0 + ($1.channels[channel]?.sent ?? 0) }
                    == all.reduce(0) { $0 + ($1.channels[channel]?.received ?? 0) }
            }
            let played = tallies.reduce(0) { $0 + $1.counts.withLock { $0.midiEvents } }
            if drained, played >= midiExpected { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let statistics = engines.enumerated().map { (names[$0.offset], $0.element.statistics()) }
        let recording = await engines[0].stopRecording()
        for engine in engines.reversed() { await engine.close() }
        for consumer in consumers { await consumer.value }
        await group.triggerGracefulShutdown()
        _ = await serverTask.result
        return Outcome(cpuSeconds: cpu, wallSeconds: wall, engines: engines.count, statistics: statistics,
                       tallies: tallies.map { $0.counts.withLock { $0 } }, connected: connected, audio: audioStatistics, peaks: peaks,
                       recording: recording)
    }
}

/// A demo that could not run.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
