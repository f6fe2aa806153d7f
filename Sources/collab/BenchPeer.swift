import ArgumentParser
import DTLS
import Foundation
import Glibc
import Synchronization
import WebRTC

/// `collab bench peer`: two peers on loopback in this process; connect time, echo round trip
/// and bulk throughput, the median of several runs.
struct BenchPeer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer",
        abstract: "Two WebRTC peers on loopback: connect time, echo RTT, throughput, CPU per MB.",
        discussion: """
            Each run creates two PeerConnections in this process (certificates made beforehand),
            then measures: connect = createOffer until the offerer's channel is open; RTT = 64-byte
            messages echoed one at a time by the answerer (p50/p99/max); throughput = 16 KiB
            reliable ordered messages for --seconds into a discard channel, counted at the receiver;
            CPU = this process's user+system time during the throughput phase per MB delivered
            (both peers, since both run here). Figures are medians over --runs.
            """
    )

    @Option(help: "Runs; the median of each figure is printed.") var runs = 5
    @Option(help: "Echoed messages for the round-trip figure.") var messages = 1_000
    @Option(help: "Seconds of bulk sending per run.") var seconds = 5.0
    @Option(help: "Bytes per bulk message.") var size = 16_384
    @Option(help: "Bytes that may wait in a channel before the sender pauses.") var highWater = 1 << 20
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        guard runs >= 1, runs <= 100, messages >= 1, messages <= 1_000_000 else { throw ValidationError("bad --runs or --messages") }
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
        guard size >= 1, size <= 65_535 else { throw ValidationError("--size must be 1...65535") }
        guard highWater >= size else { throw ValidationError("--high-water must be at least --size") }
    }

    func run() async throws {
        let certificates = try (DTLSCertificate.generate(), DTLSCertificate.generate())
        var results: [PeerBenchRun] = []
        for index in 0..<runs {
            let result = try await PeerBenchRun.measure(certificates: certificates, messages: messages,
                                                        seconds: seconds, size: size, highWater: highWater)
            progress(String(format: "run %d: connect %.2f ms, rtt p50 %.0f us, %.1f MB/s, %.1f ms CPU/MB",
                            index + 1, result.connectMilliseconds, result.rttP50 * 1e6, result.megabytesPerSecond,
                            result.cpuMillisecondsPerMegabyte))
            results.append(result)
        }
        let report = BenchReport()
        report.set("runs", Double(runs))
        report.set("connect_ms", results.map(\.connectMilliseconds).percentile(0.5))
        report.set("rtt_p50_us", results.map(\.rttP50).percentile(0.5) * 1e6)
        report.set("rtt_p99_us", results.map(\.rttP99).percentile(0.5) * 1e6)
        report.set("rtt_max_us", results.map(\.rttMax).percentile(0.5) * 1e6)
        report.set("throughput_mb_per_s", results.map(\.megabytesPerSecond).percentile(0.5))
        report.set("cpu_ms_per_mb", results.map(\.cpuMillisecondsPerMegabyte).percentile(0.5))
        say(json ? report.json() : report.text())
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data("bench: \(line)\n".utf8))
    }
}

/// One run of ``BenchPeer``.
struct PeerBenchRun {
    var connectMilliseconds: Double
    var rttP50: Double
    var rttP99: Double
    var rttMax: Double
    var megabytesPerSecond: Double
    var cpuMillisecondsPerMegabyte: Double

    static func measure(certificates: (DTLSCertificate, DTLSCertificate), messages: Int, seconds: Double,
                        size: Int, highWater: Int) async throws -> PeerBenchRun {
        let offerer = try await PeerConnection(configuration: PeerConnectionConfiguration(certificate: certificates.0))
        let answerer = try await PeerConnection(configuration: PeerConnectionConfiguration(certificate: certificates.1))
        let discardCount = SharedCounter()
        let counted = AsyncStream.makeStream(of: Int.self)
        let tasks = [
            Task { for await event in offerer.events { if case .iceCandidate(let c) = event { try? await answerer.addIceCandidate(c) } } },
            Task {
                await withDiscardingTaskGroup { group in
                    for await event in answerer.events {
                        switch event {
                        case .iceCandidate(let candidate):
                            try? await offerer.addIceCandidate(candidate)
                        case .dataChannel(let channel) where channel.label == "discard":
                            group.addTask {
                                for await event in channel.events {
                                    guard case .message(let message) = event else { continue }
                                    let total = discardCount.value.withLock { $0 += message.byteCount; return $0 }
                                    counted.continuation.yield(total)
                                }
                            }
                        case .dataChannel(let channel):
                            group.addTask { await EchoBehavior.serve(channel) }
                        default:
                            break
                        }
                    }
                }
            },
        ]
        defer { for task in tasks { task.cancel() } }

        // Connect: createOffer until the offerer's channel is open.
        let started = ContinuousClock.now
        let echo = try await offerer.createDataChannel("echo")
        let offer = try await offerer.createOffer()
        try await offerer.setLocalDescription(offer)
        try await answerer.setRemoteDescription(offer)
        let answer = try await answerer.createAnswer()
        try await answerer.setLocalDescription(answer)
        try await offerer.setRemoteDescription(answer)
        var echoEvents = echo.events.makeAsyncIterator()
        while let event = await echoEvents.next(), event != .open {}
        guard echo.readyState == .open else { throw BenchPeerError.notOpen("echo") }
        let connect = (ContinuousClock.now - started).seconds

        // Round trip of 64-byte messages, one at a time.
        let payload = [UInt8](repeating: 0xA5, count: 64)
        var samples: [Double] = []
        samples.reserveCapacity(messages)
        for _ in 0..<messages {
            let sent = ContinuousClock.now
            try echo.send(payload)
            while let event = await echoEvents.next() {
                if case .message = event { break }
            }
            samples.append((ContinuousClock.now - sent).seconds)
        }

        // Throughput into a discard channel, paced by bufferedAmount.
        let bulk = try await offerer.createDataChannel("discard")
        bulk.bufferedAmountLowThreshold = highWater / 4
        var bulkEvents = bulk.events.makeAsyncIterator()
        while let event = await bulkEvents.next(), event != .open {}
        let message = [UInt8](repeating: 0x5A, count: size)
        let cpuBefore = cpuSeconds()
        let bulkStart = ContinuousClock.now
        let deadline = bulkStart + .seconds(seconds)
        var sentBytes = 0
        while ContinuousClock.now < deadline {
            while bulk.bufferedAmount + size <= highWater {
                try bulk.send(message)
                sentBytes += size
            }
            while let event = await bulkEvents.next(), event != .bufferedAmountLow {}
        }
        var countedIterator = counted.stream.makeAsyncIterator()
        while discardCount.value.withLock({ $0 }) < sentBytes, await countedIterator.next() != nil {}
        let elapsed = (ContinuousClock.now - bulkStart).seconds
        let cpu = cpuSeconds() - cpuBefore
        let megabytes = Double(sentBytes) / 1_000_000

        await offerer.close()
        await answerer.close()
        counted.continuation.finish()
        return PeerBenchRun(connectMilliseconds: connect * 1000, rttP50: samples.percentile(0.5),
                            rttP99: samples.percentile(0.99), rttMax: samples.max() ?? .nan,
                            megabytesPerSecond: megabytes / elapsed, cpuMillisecondsPerMegabyte: cpu * 1000 / megabytes)
    }

    /// User plus system CPU seconds of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}

/// A bench step that could not proceed.
enum BenchPeerError: Error, CustomStringConvertible {
    case notOpen(String)

    var description: String {
        switch self {
        case .notOpen(let label): "channel \(label) never opened"
        }
    }
}

/// A lock-protected count that tasks can share (a `Mutex` local cannot be captured by them).
final class SharedCounter: Sendable {
    let value = Mutex(0)
}
