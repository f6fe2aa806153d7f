import ArgumentParser

@main
struct Collab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collab",
        abstract: "Real-time collaboration for bio-reactive music: signaling server, clients, demo and benchmarks.",
        version: Collab.version,
        subcommands: [Serve.self, Token.self, Demo.self, HostSession.self, JoinSession.self, Doctor.self, Bench.self, EchoPeer.self, Interop.self]
    )

    /// What `collab --version` prints (signaling protocol v1).
    static let version = "collab 0.1.0 (signaling protocol v1)"
}
