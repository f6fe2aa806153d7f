import ArgumentParser
struct BenchSignaling: AsyncParsableCommand { static let configuration = CommandConfiguration(commandName: "signaling") }
