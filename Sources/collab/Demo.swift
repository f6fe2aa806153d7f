import ArgumentParser
import Collaboration
import Foundation
import Logging
import RTCSimulation
import Synchronization
import WebRTC

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A host and guests jamming through the CollaborationEngine on loopback, with a live view.",
        discussion: """
            Everything runs in this process on 127.0.0.1 over real sockets: an embedded signaling \
            server, a host that creates a room and guests that join by code. Each participant is a \
            CollaborationEngine with a full mesh of WebRTC links; each sends a stereo tone as Opus \
            (5 ms frames at 96 kbit/s by default; --codec, --frame-ms, --bitrate), MIDI (--midi-rate \
            events/s), synthetic heart data 10 times a second and some chat, and pulls the others' \
            jitter-buffered, decoded audio from its audio output once per frame (at most every 10 ms), \
            from a thread standing in for its sound card. \
            The view shows participants, RTT, clock offset, received audio (buffer, loss, \
            concealment, latency), group coherence, synchrony and the flow leader; it redraws in \
            place on a terminal and prints a line every 5 s otherwise. The run ends with what each \
            channel delivered, the audio figures and the CPU it cost. Ctrl-C (SIGINT) or SIGTERM \
            ends it early the same way (recording finished, every participant closed) and exits \
            with 130 (143 after SIGTERM); a second one quits at once. When a hung disk keeps the \
            recording's end past 10 s, it says so and waits for the disk; Ctrl-C abandons.
            """
    )

    @Option(help: "Number of guests joining the host's room (1...7).") var guests = 3
    @Option(help: "How long to play, in seconds.") var seconds = 20.0
    @Option(help: "Soak: play this many minutes instead (memory is printed over time).") var minutes: Double?
    @Option(help: "Room secret sealing bio and signaling (default: ensemble). Visible in ps: prefer --secret-file or $COLLAB_SECRET.")
    var secret: String?
    @Option(help: "File holding the room secret (one line).") var secretFile: String?
    @Flag(help: "Play without a room secret.") var noSecret = false
    @Option(help: "MIDI events per second per participant.") var midiRate = 100
    @OptionGroup var audioOptions: AudioOptions
    @Option(help: "Record what the host hears into this directory (new or empty): a WAV per participant, a MIDI file, bio CSV, the chat and index.json, audio kept readable up to the last second if the process is killed (docs/RECORDING.md).")
    var record: String?
    @Option(help: "Log level.") var logLevel = "warning"

    func validate() throws {
        guard (1...7).contains(guests) else { throw ValidationError("--guests must be 1...7 (a room holds 8)") }
        guard seconds > 0, (minutes ?? 1) > 0 else { throw ValidationError("durations must be positive") }
        _ = try roomSecret()
    }

    /// The secret from --secret, --secret-file or $COLLAB_SECRET, else the demo's own.
    private func roomSecret() throws -> String {
        try SecretSource(flag: "secret", environment: "COLLAB_SECRET").resolve(value: secret, file: secretFile) ?? "ensemble"
    }

    func run() async throws {
        let logger = LogSetup.bootstrap(level: logLevel, label: "collab.demo")
        let duration = Duration.milliseconds(Int64(((minutes.map { $0 * 60 }) ?? seconds) * 1000))
        let room = DemoRoom(guests: guests, duration: duration, secret: noSecret ? nil : try roomSecret(), midiRate: midiRate,
                            audio: true, audioSettings: audioOptions.settings, opusComplexity: audioOptions.complexity,
                            view: DemoView(), logger: logger, record: record.map { URL(fileURLWithPath: $0) })
        let play = Task { try await room.run() }
        // Waiting for a hung disk to take the end of the recording, after the play.
        let waiting = Mutex<Task<Void, Never>?>(nil)
        // Ctrl-C ends the play early; the room then shuts down as at the end (sound cards
        // joined, recording finished, engines closed) and this returns with 130 (143 for SIGTERM).
        let interrupt = InterruptHandler(exits: false) {
            say("")
            say("interrupted: stopping (Ctrl-C again quits at once)")
            play.cancel()
            waiting.withLock { $0?.cancel() }
        }
        defer { interrupt.cancel() }
        let result = await play.result
        if case .success(let outcome) = result {
            DemoSummary(outcome: outcome).print()
            if let recording = outcome.recording, !recording.complete, let host = outcome.host {
                // The process must outlive the recorder's thread, or the files stay as after a crash.
                say("waiting for the disk to take the end of the recording; Ctrl-C\(play.isCancelled ? " again" : "") to abandon")
                let wait = Task {
                    if let final = await host.finishedRecording() { RecordingReport(index: final).print() }
                }
                waiting.withLock { $0 = wait }
                await wait.value
            }
        }
        if play.isCancelled { throw ExitCode(interrupt.exitCode) }
        let outcome = try result.get()
        if !outcome.connected { throw ExitCode(1) }
    }
}
