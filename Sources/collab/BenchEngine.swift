import ArgumentParser
import Collaboration
import Foundation
import Logging

/// `collab bench engine`: CPU per participant at a musician's load, no view.
struct BenchEngine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "CPU per participant at a musician's load: Opus audio, MIDI 100/s, bio 10 Hz, full mesh on loopback.",
        discussion: """
            The `collab demo` room without its view: a host and --guests in this process, each \
            sending a stereo tone in the room's codec (Opus, 5 ms frames, 96 kbit/s by default; \
            --codec pcm for 16-bit PCM), --midi-rate MIDI events/s and bio at 10 Hz to every other. \
            A thread per participant stands in for its sound card: once per frame (at most every \
            10 ms) it captures the tone and pulls the others' decoded audio. CPU is this process's user+system time (all threads, CLOCK_PROCESS_CPUTIME_ID) over the playing \
            time divided by the participant count; each participant also receives from all others, \
            and the embedded signaling server's share is included. The wire line gives, per participant and second, the SCTP packets sent (SACK-only ones \
            among them) and the DTLS records and UDP datagrams that carried them.
            """
    )

    @Option(help: "Number of guests (the room has guests + 1 participants).") var guests = 3
    @Option(help: "Seconds of load.") var seconds = 30.0
    @Option(help: "MIDI events per second per participant.") var midiRate = 100
    @Option(help: "Room secret (sealed bio); empty for none.") var secret = "ensemble"
    @OptionGroup var audioOptions: AudioOptions
    @Option(help: "SCTP acknowledges every this many packets at the latest (2 is RFC 9260's; the engine uses 4).")
    var sackFrequency = EngineTiming().sackFrequency
    @Option(help: "Log level.") var logLevel = "warning"
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        guard sackFrequency >= 1 else { throw ValidationError("--sack-frequency must be 1 or more") }
    }

    func run() async throws {
        let logger = LogSetup.bootstrap(level: logLevel, label: "collab.bench")
        var room = DemoRoom(guests: guests, duration: .milliseconds(Int64(seconds * 1000)), secret: secret.isEmpty ? nil : secret,
                            midiRate: midiRate, audio: true, audioSettings: audioOptions.settings,
                            opusComplexity: audioOptions.complexity, view: nil, logger: logger)
        room.sackFrequency = sackFrequency
        let outcome = try await room.run()
        if json {
            print(DemoSummary(outcome: outcome).report().json())
        } else {
            DemoSummary(outcome: outcome).print()
        }
        // As `collab demo`: figures of a mesh that never formed are printed, but the run failed.
        if !outcome.connected { throw ExitCode(1) }
    }
}
