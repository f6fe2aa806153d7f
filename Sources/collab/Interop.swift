import ArgumentParser
import Crypto
import Foundation
import Logging
import RTCBase
import WebRTC
import STUN

/// `collab interop`: runs the interop self-test against another stack's echo peer.
struct Interop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Test this stack against another WebRTC peer that speaks the stdin/stdout convention.",
        discussion: """
            Starts --peer-cmd, negotiates through its stdin/stdout (Interop/README.md), then checks: \
            "echo" and "neg" (negotiated id 7) carry text and binary messages of 0, 1, 1024, 16384 and 65535 B \
            (plus 262144 when the remote allows it) back intact and in order (SHA-256); "unreliable" \
            (unordered, maxRetransmits 0) carries data; "discard" counts 1 MiB; closing every channel \
            reaches closed on both sides and the peer exits 0. Prints one JSON line with the verdict and \
            the connect time (createOffer, or reading the offer, until echo and neg are open).
            """
    )

    @Option(help: "The peer's command line (run with /bin/sh -c).") var peerCmd: String
    @Option(help: "offerer: we offer and the peer answers; answerer: the peer offers (give it --offer).")
    var role = "offerer"
    @Option(name: .customLong("address"), help: "Local address to gather (repeatable).") var addresses: [String] = ["127.0.0.1"]
    @Option(help: "A name for this case in the output.") var name = "interop"
    @Option(help: "Largest message to try; the remote's a=max-message-size also caps it.") var maxMessage = 262_144
    @Option(help: "Seconds for signaling and connecting.") var connectTimeout = 20.0
    @Option(help: "Log level (stderr).") var logLevel = "error"
    @Flag(help: "Put the DTLS records of one loop turn in one datagram (RFC 6347 §4.1.1); the peer must read them all.")
    var coalesceRecords = false

    func validate() throws {
        guard role == "offerer" || role == "answerer" else { throw ValidationError("--role is offerer or answerer") }
        for address in addresses where IPAddress(address) == nil { throw ValidationError("not an IP address: \(address)") }
    }

    func run() async throws {
        let logger = LogSetup.bootstrap(level: logLevel, label: "collab.interop")
        let peer = try PeerProcess(command: peerCmd)
        var result = InteropResult(name: name)
        do {
            try await InteropSession(peer: peer, weOffer: role == "offerer", addresses: addresses,
                                     maxMessage: maxMessage, coalescesRecords: coalesceRecords,
                                     connectTimeout: .seconds(connectTimeout),
                                     logger: logger).run(into: &result)
        } catch {
            result.failures.append("\(error)")
        }
        await peer.stop()
        if !result.passed {
            FileHandle.standardError.write(Data("--- peer log (\(peerCmd)) ---\n\(peer.log.suffix(4000))\n".utf8))
        }
        peer.removeLog()
        say(result.json)
        if !result.passed { throw ExitCode(1) }
    }
}

/// The verdict of one interop case.
struct InteropResult {
    var name: String
    var connectMilliseconds: Double?
    var checks = 0
    var failures: [String] = []
    var passed: Bool { failures.isEmpty && checks > 0 }

    mutating func check(_ condition: Bool, _ what: @autoclosure () -> String) {
        checks += 1
        if !condition { failures.append(what()) }
    }

    var json: String {
        let object: [String: Any] = [
            "case": name, "pass": passed, "checks": checks,
            "connect_ms": connectMilliseconds.map { ($0 * 10).rounded() / 10 } ?? -1,
            "failures": failures,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// A failed step of an interop session.
struct InteropError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
