import ArgumentParser

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print figures (not tests).",
        subcommands: [BenchSignaling.self, BenchSoak.self, BenchPeer.self, BenchEngine.self, BenchAudio.self]
    )
}
