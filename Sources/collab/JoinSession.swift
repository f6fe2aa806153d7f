import ArgumentParser
import Collaboration

/// `collab join CODE`: join a room and jam in the terminal.
struct JoinSession: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join a room by its code and chat/jam in the terminal."
    )

    @Argument(help: "The room's six-character code.") var code: String
    @OptionGroup var options: SessionOptions

    func run() async throws {
        let logger = LogSetup.bootstrap(level: options.logLevel, label: "collab.join")
        let engine = InteractiveSession.makeEngine(options, logger: logger)
        let session = try await engine.join(code: code)
        say("joined room \(session.roomCode) as \(options.name)")
        await InteractiveSession(engine: engine, sendBio: options.bio, midiRate: options.midiRate, sendAudio: options.audio,
                                 record: options.record).run()
    }
}
