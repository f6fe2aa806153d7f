import Collaboration
import Foundation
import Logging
import SignalingProtocol

/// The terminal session of `collab host` / `collab join`: typed lines are chat; others' chat,
/// arrivals, bio and latency are printed. `/peers` lists participants, `/quit` leaves.
struct InteractiveSession {
    let engine: CollaborationEngine
    let sendBio: Bool
    var midiRate = 0
    var sendAudio = false
    /// `--record DIR`: recorded from the start until `/quit`.
    var record: String? = nil

    static func makeEngine(_ options: SessionOptions, logger: Logger) -> CollaborationEngine {
        // `validate()` has resolved these already and stopped on a bad one.
        var configuration = EngineConfiguration(signalingURL: options.server, displayName: options.name,
                                                roomPassword: try? options.roomPassword(),
                                                roomSecret: try? options.roomSecret())
        configuration.signalingAccessToken = try? options.accessToken()
        configuration.logger = logger
        configuration.audio = options.audioOptions.settings
        configuration.opusComplexity = options.audioOptions.complexity
        // `validate()` has read this file already and stopped on a bad one.
        configuration.signalingTrustRootsPEM = try? TrustRootFile.read(options.ca)
        if !options.address.isEmpty { configuration.hostAddresses = options.address }
        return CollaborationEngine(configuration: configuration)
    }

    func run() async {
        let engine = self.engine
        let printer = Task { await Self.narrate(engine) }
        let status = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(5))
                Self.status(engine)
            }
        }
        let index = Int.random(in: 0..<4)
        let musician = sendBio || midiRate > 0 ? Musician(engine: engine, index: index, midiRate: midiRate, bio: sendBio) : nil
        let soundCard = SoundCard(engine: engine, index: index, capture: sendAudio, musician: musician)
        if let record {
            do {
                try engine.startRecording(to: URL(fileURLWithPath: record))
                say("* recording into \(record) (everyone is told)")
            } catch {
                say("! \(error)")
            }
        }
        let record = self.record
        let interrupt = InterruptHandler {
            say("")
            await soundCard.stop()
            await RecordingReport.finish(await engine.stopRecording(), of: engine, directory: record, abandon: "Ctrl-C again")
            await engine.close()
        }
        defer { interrupt.cancel() }
        say("type to chat; /peers lists participants; /quit leaves")
        for await line in StandardInputLines.stream() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text == "/quit" { break }
            if text == "/peers" {
                Self.status(engine)
                continue
            }
            do {
                try engine.send(chat: text)
            } catch {
                say("! \(error)")
            }
        }
        await soundCard.stop()
        // A Ctrl-C meanwhile runs the handler above, which finds no recording and exits.
        await RecordingReport.finish(await engine.stopRecording(), of: engine, directory: record, abandon: "Ctrl-C")
        status.cancel()
        await engine.close()
        await printer.value
    }

    static func name(_ engine: CollaborationEngine, _ id: UUID) -> String {
        engine.participants.first { $0.id == id }?.name ?? String(id.uuidString.prefix(8))
    }

    static func narrate(_ engine: CollaborationEngine) async {
        var lastBio: [UUID: ContinuousClock.Instant] = [:]
        var lastMedia: [String: ContinuousClock.Instant] = [:]
        var known: [UUID: String] = [:]
        var linkStates: [UUID: ParticipantState] = [:]
        for await event in engine.events {
            switch event {
            case .chat(let from, let text): say("<\(name(engine, from))> \(text)")
            case .participantJoined(let participant):
                known[participant.id] = participant.name
                say("* \(participant.name) joined")
            case .participantLeft(let id, let reason):
                say("* \(known[id] ?? String(id.uuidString.prefix(8))) \(reason == .lost ? "was lost" : "left")")
            case .hostChanged(let id): say("* \(name(engine, id)) is now host")
            case .connectionState(let state): say("* session \(state.rawValue)")
            case .error(let error): say("! \(error)")
            case .control(let from, .recording(let active)):
                say("* \(name(engine, from)) \(active ? "started" : "stopped") recording the session")
            case .control(let from, let message): say("* \(name(engine, from)): \(message)")
            case .bio(let from, let sample):
                // One line per participant every 10 s is plenty for a terminal.
                let now = ContinuousClock.now
                if let last = lastBio[from], now - last < .seconds(10) { continue }
                lastBio[from] = now
                say(String(format: "~ %@: heart %.0f bpm, RMSSD %.0f ms, coherence %.2f, breathing %.1f/min",
                           name(engine, from), sample.heartRate, sample.rmssd, sample.coherence, sample.breathingRate))
            case .participantUpdated(let participant):
                // Only changes of the link (connecting, connected, reconnecting, refused).
                guard linkStates.updateValue(participant.state, forKey: participant.id) != participant.state else { continue }
                say("* \(participant.name) is \(participant.state.rawValue)")
            case .midi(let from, let events):
                // The first batch from each peer, then one line per 10 s, like bio.
                let now = ContinuousClock.now
                if let last = lastMedia["midi \(from)"], now - last < .seconds(10) { continue }
                lastMedia["midi \(from)"] = now
                say("~ \(name(engine, from)): midi \(events.count) events, first \(events.first.map { $0.bytes.map { String(format: "%02x", $0) }.joined() } ?? "-")")
            case .audio(let from, let frame):
                let now = ContinuousClock.now
                if let last = lastMedia["audio \(from)"], now - last < .seconds(10) { continue }
                lastMedia["audio \(from)"] = now
                say("~ \(name(engine, from)): audio frame \(frame.sequence), \(frame.codec), \(frame.payload.count) bytes")
            }
        }
    }

    static func status(_ engine: CollaborationEngine) {
        let peers = engine.participants.filter { !$0.isLocal }
        if peers.isEmpty {
            say("- nobody else here yet")
        }
        for peer in peers {
            say("- \(peer.name) [\(peer.role.rawValue)] \(peer.state.rawValue)" + (peer.isRecording ? " (recording)" : "")
                + (peer.rtt.map { " RTT \(DemoView.format($0))" } ?? "")
                + (peer.clockOffset.map { " offset \(DemoView.formatSigned($0))" } ?? "")
                + (peer.quality.map { " (\($0.rawValue))" } ?? "")
                + (peer.path.map { " pair \($0) \($0.remoteAddress)" } ?? ""))
        }
        for audio in engine.audioStatistics() {
            say("- audio from \(name(engine, audio.participant)): " + DemoView.audioLine(audio))
        }
        let group = engine.groupBio
        if group.participantCount > 0 {
            say("- group: coherence \(DemoView.number(group.meanCoherence, "%.2f")), synchrony \(DemoView.number(group.synchrony, "%.2f")), flow leader \(group.flowLeader.map { name(engine, $0) } ?? "–")")
        }
    }
}
