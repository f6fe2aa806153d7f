import ArgumentParser
import Foundation
import Logging
import RTCBase
import Synchronization
import WebRTC
import STUN

/// `collab echo-peer`: a WebRTC echo peer that speaks the interop convention on stdin/stdout.
struct EchoPeer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo-peer",
        abstract: "A WebRTC echo peer speaking the stdin/stdout offer/answer convention (see Interop/README.md).",
        discussion: """
            Answerer by default: reads one line {"type":"offer","sdp":...}, writes {"type":"answer","sdp":...} \
            with its candidates (after gathering, bounded by --gather-timeout). With --offer it writes the \
            offer first and reads the answer. Later {"type":"candidate",...} lines are trickled in. \
            It echoes every message on every channel; channels labelled discard* count bytes and answer \
            "count?" with the total. Both roles create the negotiated channel "neg" (id 7); the offerer also \
            opens "echo", "unreliable" (unordered, maxRetransmits 0) and "discard". Exit code 0 when every \
            channel opened and closed, 1 on failure, 2 when --lifetime ran out. Logs go to stderr.
            """
    )

    @Flag(help: "Be the offerer.") var offer = false
    @Option(name: .customLong("address"), help: "Local address to gather (repeatable).") var addresses: [String] = ["127.0.0.1"]
    @Option(help: "Exit after this many seconds.") var lifetime = 60.0
    @Option(help: "Bound on ICE gathering, in seconds.") var gatherTimeout = 5.0
    @Option(help: "How long to wait for the remote's description line, in seconds.") var signalTimeout = 30.0
    @Flag(help: "Strip candidates from the description we send.") var noCandidates = false
    @Option(help: "Log level (stderr).") var logLevel = "warning"

    func validate() throws {
        guard lifetime > 0, gatherTimeout > 0, signalTimeout > 0 else { throw ValidationError("timeouts must be positive") }
        for address in addresses where IPAddress(address) == nil { throw ValidationError("not an IP address: \(address)") }
    }

    func run() async throws {
        let logger = LogSetup.bootstrap(level: logLevel, label: "collab.echo-peer")
        var configuration = PeerConnectionConfiguration()
        configuration.hostAddresses = addresses.compactMap { IPAddress($0) }.map { TransportAddress(ip: $0, port: 0) }
        let pc = try await PeerConnection(configuration: configuration, logger: logger)
        let tracker = ChannelTracker()
        let (outcomes, outcome) = AsyncStream.makeStream(of: (Int32, String).self)

        @Sendable func serve(_ channel: DataChannel) {
            tracker.add()
            let opened = Mutex(false)
            EchoBehavior.attach(channel, onOpen: {
                opened.withLock { $0 = true }
                tracker.opened()
            }, onClose: {
                // A channel that closed before opening still counts as done.
                if !opened.withLock({ $0 }) { tracker.opened() }
                if tracker.closed() { outcome.yield((0, "every channel opened and closed")) }
            })
        }
        pc.setDataChannelHandler { channel in serve(channel) }

        serve(try await pc.createDataChannel("neg", options: DataChannelInit(negotiated: true, id: 7)))
        if offer {
            serve(try await pc.createDataChannel("echo"))
            serve(try await pc.createDataChannel("unreliable", options: DataChannelInit(ordered: false, maxRetransmits: 0)))
            serve(try await pc.createDataChannel("discard"))
        }
        let events = Task {
            for await event in pc.events {
                switch event {
                case .connectionStateChange(.failed): outcome.yield((1, "connection failed"))
                case .connectionStateChange(.closed): outcome.yield((tracker.allOpened ? 0 : 1, "connection closed"))
                default: break
                }
            }
        }
        let timer = Task {
            try? await Task.sleep(for: .seconds(lifetime))
            outcome.yield((2, "lifetime ran out"))
        }

        let signaled = ChannelTracker()
        let (gatherTimeout, noCandidates) = (self.gatherTimeout, self.noCandidates)
        let signaling = Task { [offer] in
            var input = StandardInputLines.stream().makeAsyncIterator()
            do {
                if offer {
                    try await pc.setLocalDescription()
                    try await Self.emitLocalDescription(pc, gatherTimeout: gatherTimeout, noCandidates: noCandidates)
                    try await pc.setRemoteDescription(try await Self.readDescription(&input, type: "answer"))
                } else {
                    try await pc.setRemoteDescription(try await Self.readDescription(&input, type: "offer"))
                    try await pc.setLocalDescription()
                    try await Self.emitLocalDescription(pc, gatherTimeout: gatherTimeout, noCandidates: noCandidates)
                }
                signaled.add()
            } catch {
                outcome.yield((1, "signaling failed: \(error)"))
                return
            }
            while let line = await input.next() {
                guard let signal = SignalLine.parse(line), signal.type == "candidate" else {
                    logger.info("ignored stdin line", metadata: ["line": "\(line.prefix(80))"])
                    continue
                }
                try? await pc.addIceCandidate(signal.candidate?.isEmpty == false ? signal.candidate : nil)
            }
        }
        let signalTimer = Task {
            try? await Task.sleep(for: .seconds(signalTimeout + gatherTimeout))
            if signaled.summary.known == 0 { outcome.yield((1, "signaling timed out")) }
        }
        var iterator = outcomes.makeAsyncIterator()
        let (code, reason) = await iterator.next() ?? (1, "no outcome")
        timer.cancel()
        signalTimer.cancel()
        signaling.cancel()
        await pc.close()
        events.cancel()
        let summary = tracker.summary
        FileHandle.standardError.write(Data("""
            {"event":"exit","code":\(code),"reason":"\(reason)","opened":\(summary.opened),"closed":\(summary.closed)}\n
            """.utf8))
        throw ExitCode(code)
    }

    private static func emitLocalDescription(_ pc: PeerConnection, gatherTimeout: Double, noCandidates: Bool) async throws {
        await pc.waitForGatheringComplete(timeout: .seconds(gatherTimeout))
        guard let local = await pc.localDescription() else { throw ValidationError("no local description") }
        let sdp = noCandidates ? SignalLine.strippingCandidates(local.sdp) : local.sdp
        say(SignalLine(type: local.type.rawValue, sdp: sdp).encoded)
    }

    private static func readDescription(_ input: inout AsyncStream<String>.Iterator, type: String) async throws -> RTCSessionDescription {
        while let line = await input.next() {
            if let signal = SignalLine.parse(line), signal.type == type, let description = signal.description {
                return description
            }
        }
        throw ValidationError("no \(type) line on stdin")
    }
}

/// Counts channels known, opened and closed, for the echo peer's exit rule.
final class ChannelTracker: Sendable {
    private let counts = Mutex((known: 0, opened: 0, closed: 0))

    func add() { counts.withLock { $0.known += 1 } }
    func opened() { counts.withLock { $0.opened += 1 } }

    /// Records a closed channel; returns whether every known channel has now opened and closed.
    func closed() -> Bool {
        counts.withLock {
            $0.closed += 1
            return $0.closed == $0.known && $0.opened >= $0.known
        }
    }

    var allOpened: Bool { counts.withLock { $0.known > 0 && $0.opened >= $0.known } }
    var summary: (known: Int, opened: Int, closed: Int) { counts.withLock { ($0.known, $0.opened, $0.closed) } }
}
