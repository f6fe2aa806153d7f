import ArgumentParser
import Collaboration
import Foundation
import Logging

/// `collab bench engine`: CPU per participant at a musician's load, no view.
struct BenchEngine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "CPU per participant at a musician's load: PCM audio, MIDI 100/s, bio 10 Hz, full mesh on loopback.",
        discussion: """
            The `collab demo` room without its view: a host and --guests in this process, each \
            sending 16-bit stereo PCM at 48 kHz in 10 ms frames, --midi-rate MIDI events/s and bio at \
            10 Hz to every other. CPU is this process's user+system time (getrusage) over the playing \
            time divided by the participant count; each participant also receives from all others, \
            and the embedded signaling server's share is included.
            """
    )

    @Option(help: "Number of guests (the room has guests + 1 participants).") var guests = 3
    @Option(help: "Seconds of load.") var seconds = 30.0
    @Option(help: "MIDI events per second per participant.") var midiRate = 100
    @Option(help: "Room secret (sealed bio); empty for none.") var secret = "ensemble"
    @Option(help: "Log level.") var logLevel = "warning"

    func run() async throws {
        let logger = LogSetup.bootstrap(level: logLevel, label: "collab.bench")
        let room = DemoRoom(guests: guests, duration: .milliseconds(Int64(seconds * 1000)), secret: secret.isEmpty ? nil : secret,
                            midiRate: midiRate, audio: true, view: nil, logger: logger)
        let outcome = try await room.run()
        DemoSummary(outcome: outcome).print()
    }
}
