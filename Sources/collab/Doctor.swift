import ArgumentParser
import Foundation
import Logging
import SignalingClient
import SignalingProtocol

/// `collab doctor --server URL`: can I jam from here, and how?
struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check whether peer links can work from this network, and how (direct, TURN over UDP, TURN over TCP).",
        discussion: """
            Lists the interfaces, measures the signaling round trip, learns the public address from the \
            server's STUN responder (and from the TURN server, to see whether the NAT maps each destination \
            to another port: then direct links fail and TURN is needed), allocates a relay over each TURN \
            transport the server offers, and ends with a verdict: direct, turn-udp, turn-tcp or unreachable. \
            Exit status 0 unless the verdict is unreachable (then 1).
            """
    )

    @Option(help: "Signaling server, ws://HOST:PORT/ws.") var server: String
    @Flag(help: "Print one JSON object instead of text.") var json = false
    @Option(help: "Seconds each check may take.") var timeout = 5.0
    @Option(help: "PEM certificate authority to trust for a wss:// server, besides the system's.") var ca: String?
    @Option(help: "Log level.") var logLevel = "error"

    func validate() throws {
        guard server.hasPrefix("ws://") || server.hasPrefix("wss://") else {
            throw ValidationError("--server must be a ws:// or wss:// URL")
        }
        _ = try TrustRootFile.read(ca)
        guard timeout > 0, timeout <= 60 else { throw ValidationError("--timeout must be in (0, 60] seconds") }
    }

    func run() async throws {
        let logger = LogSetup.bootstrap(level: logLevel, label: "collab.doctor")
        let checkup = NetworkCheckup(server: server, trustRootsPEM: try TrustRootFile.read(ca),
                                     timeout: .milliseconds(Int(timeout * 1000)), logger: logger)
        let report = await checkup.run { line in if !json { say(line) } }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            say(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            say("verdict: \(report.verdict.rawValue): \(report.advice)")
        }
        if report.verdict == .unreachable { throw ExitCode(1) }
    }
}
