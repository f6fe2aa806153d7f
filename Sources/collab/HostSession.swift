import ArgumentParser
import Collaboration

/// `collab host`: create a room and jam in the terminal.
struct HostSession: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "host",
        abstract: "Create a room on a signaling server and chat/jam in the terminal; prints the code to share."
    )

    @OptionGroup var options: SessionOptions

    func run() async throws {
        let logger = LogSetup.bootstrap(level: options.logLevel, label: "collab.host")
        let engine = InteractiveSession.makeEngine(options, logger: logger)
        let session = try await engine.createSession()
        say("room \(session.roomCode) created: others run `collab join \(session.roomCode) --server \(options.server) --name NAME"
            + ((try? options.roomSecret()) == nil ? "`" : " --secret-file FILE` with the same secret"))
        await InteractiveSession(engine: engine, sendBio: options.bio, midiRate: options.midiRate, sendAudio: options.audio,
                                 record: options.record).run()
    }
}
