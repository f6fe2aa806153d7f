import ArgumentParser

@main
struct Collab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collab",
        abstract: "Real-time collaboration for bio-reactive music: signaling server, clients, demo and benchmarks.",
        subcommands: [Serve.self, Demo.self, HostSession.self, JoinSession.self, Doctor.self, Bench.self, EchoPeer.self, Interop.self]
    )
}
