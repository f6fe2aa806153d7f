import ArgumentParser
import DTLS
import Foundation
import ICE
import NIOPosix
import RTCBase
import RTCSimulation
import Synchronization
import WebRTC

/// `collab bench peer`: two peers on loopback in this process; connect time, echo round trip
/// and bulk throughput, the median of several runs.
struct BenchPeer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer",
        abstract: "Two WebRTC peers on loopback: connect time, echo RTT, throughput, CPU per MB.",
        discussion: """
            Each run creates two PeerConnections in this process (certificates made beforehand), \
            then measures: connect = the first createDataChannel until the offerer's channel is open, \
            each description made and applied by one setLocalDescription() (--create-then-set: \
            createOffer or createAnswer, then setLocalDescription(_:)); RTT = 64-byte \
            messages echoed one at a time by the answerer (p50/p99/max); throughput = 16 KiB \
            reliable ordered messages for --seconds into a discard channel, counted at the receiver; \
            CPU = this process's user+system time during the throughput phase per MB delivered \
            (both peers when both run here). Echo and RTT timing run in channel event handlers on the \
            event loop, and so does the trickle of candidates (PeerConnection.setEventHandler; \
            --event-tasks reads each peer's events from a task instead, as before session 13). In one process both peers share one event loop unless --two-loops is given \
            (then each round trip also pays two thread wake-ups). Figures are medians over --runs. With --peer-cmd the \
            answerer is that command (e.g. Interop/.bin/pion-peer), offered to through its stdin/stdout, \
            and CPU is this side's only. Connect's CPU (connect_cpu_ms) is the process's, every thread, \
            from the first call until open. --connect-only skips the round trips and the bulk phase \
            (for profiling connect over many runs).
            """
    )

    @Option(help: "Runs; the median of each figure is printed.") var runs = 5
    @Flag(help: "In one process, put the two peers on different event loops (threads).") var twoLoops = false
    @Option(help: "Echoed messages for the round-trip figure.") var messages = 1_000
    @Option(help: "Seconds of bulk sending per run.") var seconds = 5.0
    @Option(help: "Bytes per bulk message.") var size = 16_384
    @Option(help: "Bytes that may wait in a channel before the sender pauses.") var highWater = 1 << 20
    @Option(help: "Bench against another stack's echo peer (the Interop/README.md convention) instead of a second peer here.")
    var peerCmd: String?
    @Flag(help: "Print one JSON object instead of text.") var json = false
    @Flag(inversion: .prefixedNo, help: "UDP GRO on bulk sockets (see docs/BENCHMARKS.md).") var receiveOffload = true
    @Flag(inversion: .prefixedNo, help: "One recvmmsg per readable event until a socket carries bulk traffic (see docs/BENCHMARKS.md).")
    var singleRead = true
    @Flag(help: "Both peers put the DTLS records of one loop turn in one datagram (PeerConnectionConfiguration.coalescesRecords).")
    var coalesceRecords = false
    @Flag(help: "In one process, read each peer's events from a task iterating PeerConnection.events (the bench before session 13) instead of an event handler on the loop.")
    var eventTasks = false
    @Flag(help: "Make each description with createOffer or createAnswer, then apply it with setLocalDescription(_:): two trips to the event loop where setLocalDescription() takes one (the bench before session 15).")
    var createThenSet = false
    @Flag(help: "Make connect's API calls from a task that prefers the offerer's loop (PeerConnectionLoop.taskExecutor): each call runs at once on the loop's thread instead of costing two thread wake-ups.")
    var loopTasks = false
    @Flag(help: "Measure only connect and its CPU (no round trips, no bulk), for profiling connect over many runs (--runs up to 1000).")
    var connectOnly = false

    func validate() throws {
        guard runs >= 1, runs <= (connectOnly ? 1_000 : 100), messages >= 1, messages <= 1_000_000 else { throw ValidationError("bad --runs or --messages") }
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
        guard size >= 1, size <= 65_535 else { throw ValidationError("--size must be 1...65535") }
        guard highWater >= size else { throw ValidationError("--high-water must be at least --size") }
    }

    func run() async throws {
        let certificates = try (RTCCertificate.generate(), RTCCertificate.generate())
        var results: [PeerBenchRun] = []
        for index in 0..<runs {
            let result = try await PeerBenchRun.measure(certificates: certificates, peerCommand: peerCmd, messages: messages,
                                                        seconds: seconds, size: size, highWater: highWater,
                                                        twoLoops: twoLoops, receiveOffload: receiveOffload, singleRead: singleRead,
                                                        coalesceRecords: coalesceRecords, eventTasks: eventTasks,
                                                        createThenSet: createThenSet, connectOnly: connectOnly, loopTasks: loopTasks)
            if connectOnly {
                progress(String(format: "run %d: connect %.2f ms (signaled %.2f, ICE %.2f, DTLS %.2f), %.2f ms CPU",
                                index + 1, result.connectMilliseconds, result.signaledMilliseconds, result.iceMilliseconds,
                                result.dtlsMilliseconds, result.connectCPUMilliseconds))
            } else {
                progress(String(format: "run %d: connect %.2f ms (signaled %.2f, ICE %.2f, DTLS %.2f), rtt p50 %.0f us, %.1f MB/s, %.1f ms CPU/MB",
                                index + 1, result.connectMilliseconds, result.signaledMilliseconds, result.iceMilliseconds, result.dtlsMilliseconds, result.rttP50 * 1e6, result.megabytesPerSecond,
                                result.cpuMillisecondsPerMegabyte))
            }
            results.append(result)
        }
        let report = BenchReport()
        report.set("runs", Double(runs))
        report.set("connect_ms", results.map(\.connectMilliseconds).percentile(0.5))
        if peerCmd == nil {
            report.set("connect_signaled_ms", results.map(\.signaledMilliseconds).percentile(0.5))
            report.set("connect_ice_ms", results.map(\.iceMilliseconds).percentile(0.5))
            report.set("connect_dtls_ms", results.map(\.dtlsMilliseconds).percentile(0.5))
        }
        report.set("connect_cpu_ms", results.map(\.connectCPUMilliseconds).percentile(0.5))
        if connectOnly {
            say(json ? report.json() : report.text())
            return
        }
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
    /// When, within connect, the offer and answer were applied, then the offerer's ICE and DTLS were
    /// connected (NaN against another process).
    var signaledMilliseconds: Double
    var iceMilliseconds: Double
    var dtlsMilliseconds: Double
    /// This process's CPU time (user + system, every thread) from the first call until the channel
    /// is open: against `connectMilliseconds` it shows how much of connect is work and how much waiting.
    var connectCPUMilliseconds: Double
    var rttP50: Double
    var rttP99: Double
    var rttMax: Double
    var megabytesPerSecond: Double
    var cpuMillisecondsPerMegabyte: Double

    static func measure(certificates: (RTCCertificate, RTCCertificate), peerCommand: String?, messages: Int,
                        seconds: Double, size: Int, highWater: Int, twoLoops: Bool, receiveOffload: Bool,
                        singleRead: Bool = true, coalesceRecords: Bool = false, eventTasks: Bool = false,
                        createThenSet: Bool = false, connectOnly: Bool = false, loopTasks: Bool = false) async throws -> PeerBenchRun {
        let loops = (PeerConnectionLoop.next(), PeerConnectionLoop.next())
        var configurations = (PeerConnectionConfiguration(certificate: certificates.0), PeerConnectionConfiguration(certificate: certificates.1))
        configurations.0.receiveOffload = receiveOffload
        configurations.1.receiveOffload = receiveOffload
        configurations.0.singleReadWhileInteractive = singleRead
        configurations.1.singleReadWhileInteractive = singleRead
        configurations.0.coalescesRecords = coalesceRecords
        configurations.1.coalescesRecords = coalesceRecords
        let offerer = try await PeerConnection(configuration: configurations.0, loop: loops.0)
        var answerer: PeerConnection?
        var process: PeerProcess?
        var tasks: [Task<Void, Never>] = []
        defer { for task in tasks { task.cancel() } }
        if let peerCommand {
            process = try PeerProcess(command: peerCommand)
        } else {
            let local = try await PeerConnection(configuration: configurations.1,
                                                 loop: twoLoops ? loops.1 : loops.0)
            answerer = local
            local.setDataChannelHandler { channel in EchoBehavior.attach(channel) }
            if eventTasks {
                tasks.append(Task {
                    for await event in local.events {
                        if case .iceCandidate(let candidate) = event { try? await offerer.addIceCandidate(candidate) }
                    }
                })
            } else {
                // Trickle from the loop, as an `onicecandidate` handler would: no task wakes up per event.
                local.setEventHandler { event in
                    if case .iceCandidate(let candidate) = event { offerer.addIceCandidate(candidate, completion: nil) }
                }
            }
        }

        // Connect, from a task on the offerer's loop with --loop-tasks.
        let executor: (any TaskExecutor)? = loopTasks ? offerer.loop.taskExecutor : nil
        // Its trickle tasks join `tasks`, which the defer above cancels, also when connect fails.
        let connected = try await withTaskExecutorPreference(executor) {
            try await Self.connect(offerer: offerer, answerer: answerer, process: process, eventTasks: eventTasks,
                                   createThenSet: createThenSet, executor: executor, tasks: &tasks)
        }
        let (echo, bulk, phases) = (connected.echo, connected.bulk, connected.phases)
        let connect = connected.seconds
        let connectCPU = connected.cpuSeconds
        if connectOnly {
            await Self.close(offerer, answerer, process)
            let marks = phases.marks
            return PeerBenchRun(connectMilliseconds: connect * 1000, signaledMilliseconds: marks.signaled * 1000,
                                iceMilliseconds: marks.iceConnected * 1000, dtlsMilliseconds: marks.dtlsConnected * 1000,
                                connectCPUMilliseconds: connectCPU * 1000, rttP50: .nan, rttP99: .nan, rttMax: .nan,
                                megabytesPerSecond: .nan, cpuMillisecondsPerMegabyte: .nan)
        }

        // Round trip of 64-byte messages, one at a time, driven from the event loop: each echo is
        // timed and the next message sent by the channel's event handler, so the figure is the
        // stack's round trip, not a task wake-up per message (which was most of the old figure).
        let samples = try await Self.roundTrips(on: echo, count: messages)

        // Throughput into the discard channel, paced by bufferedAmount, confirmed by "count?".
        bulk.bufferedAmountLowThreshold = highWater / 4
        let bulkEvents = EventReader(bulk.events)
        if bulk.readyState != .open { try await waitFor(.open, on: bulkEvents, "discard to open") }
        let message = [UInt8](repeating: 0x5A, count: size)
        let cpuBefore = ProcessCPUTime.seconds()
        let bulkStart = ContinuousClock.now
        let deadline = bulkStart + .seconds(seconds)
        var sentBytes = 0
        while ContinuousClock.now < deadline {
            while bulk.bufferedAmount + size <= highWater {
                try bulk.send(message)
                sentBytes += size
            }
            try await waitFor(.bufferedAmountLow, on: bulkEvents, "bufferedamountlow")
        }
        try bulk.send("count?")
        var counted: DataChannelMessage?
        while let event = try await bulkEvents.next(timeout: .seconds(60), "the discard count") {
            if case .message(let answer) = event { counted = answer; break }
        }
        guard counted == .text(String(sentBytes)) else {
            throw BenchPeerError.signaling("the peer counted \(String(describing: counted)), we sent \(sentBytes)")
        }
        let elapsed = (ContinuousClock.now - bulkStart).rtcSeconds
        let cpu = ProcessCPUTime.seconds() - cpuBefore
        let megabytes = Double(sentBytes) / 1_000_000

        await Self.close(offerer, answerer, process)
        let marks = phases.marks
        return PeerBenchRun(connectMilliseconds: connect * 1000, signaledMilliseconds: marks.signaled * 1000, iceMilliseconds: marks.iceConnected * 1000,
                            dtlsMilliseconds: marks.dtlsConnected * 1000, connectCPUMilliseconds: connectCPU * 1000,
                            rttP50: samples.percentile(0.5),
                            rttP99: samples.percentile(0.99), rttMax: samples.max() ?? .nan,
                            megabytesPerSecond: megabytes / elapsed, cpuMillisecondsPerMegabyte: cpu * 1000 / megabytes)
    }

    /// Connect: the first createDataChannel until the offerer's echo channel is open. The tasks it
    /// starts (the trickle of early candidates) prefer `executor` too and join `tasks`, for the caller
    /// to cancel.
    static func connect(offerer: PeerConnection, answerer: PeerConnection?, process: PeerProcess?,
                        eventTasks: Bool, createThenSet: Bool, executor: (any TaskExecutor)?,
                        tasks: inout [Task<Void, Never>]) async throws
        -> (echo: DataChannel, bulk: DataChannel, seconds: Double, cpuSeconds: Double, phases: ConnectPhases) {
        let started = ContinuousClock.now
        let connectCPUBefore = ProcessCPUTime.seconds()
        let phases = ConnectPhases()
        let echo = try await offerer.createDataChannel("echo")
        let bulk = try await offerer.createDataChannel("discard")
        let offer: RTCSessionDescription
        if createThenSet {
            offer = try await offerer.createOffer()
            try await offerer.setLocalDescription(offer)
        } else {
            offer = try await offerer.setLocalDescription()
        }
        if let answerer {
            try await answerer.setRemoteDescription(offer)
            if eventTasks {
                tasks.append(Task(executorPreference: executor) {
                    for await event in offerer.events {
                        switch event {
                        case .iceCandidate(let candidate): try? await answerer.addIceCandidate(candidate)
                        case .iceConnectionStateChange(.connected): phases.mark(.iceConnected, since: started)
                        case .connectionStateChange(.connected): phases.mark(.dtlsConnected, since: started)
                        default: break
                        }
                    }
                })
            } else {
                // Set after the offer is applied, like the task above: the answerer has a remote
                // description for the offerer's candidates. Events before it stay on the stream,
                // and the stream's candidates are trickled first.
                let early = offerer.events
                offerer.setEventHandler { event in
                    switch event {
                    case .iceCandidate(let candidate): answerer.addIceCandidate(candidate, completion: nil)
                    case .iceConnectionStateChange(.connected): phases.mark(.iceConnected, since: started)
                    case .connectionStateChange(.connected): phases.mark(.dtlsConnected, since: started)
                    default: break
                    }
                }
                tasks.append(Task(executorPreference: executor) {
                    for await event in early {
                        if case .iceCandidate(let candidate) = event { try? await answerer.addIceCandidate(candidate) }
                    }
                })
            }
            let answer: RTCSessionDescription
            if createThenSet {
                answer = try await answerer.createAnswer()
                try await answerer.setLocalDescription(answer)
            } else {
                answer = try await answerer.setLocalDescription()
            }
            try await offerer.setRemoteDescription(answer)
            phases.mark(.signaled, since: started)
        } else if let process {
            // The convention carries candidates inside the SDP: gather first (bounded).
            await offerer.waitForGatheringComplete(timeout: .seconds(5))
            guard let full = await offerer.localDescription() else { throw BenchPeerError.signaling("no local offer") }
            process.send(SignalLine(type: "offer", sdp: full.sdp).encoded)
            let lines = EventReader(process.lines)
            var answer: RTCSessionDescription?
            while answer == nil, let line = try await lines.next(timeout: .seconds(30), "the peer's answer") {
                answer = SignalLine.parse(line)?.description
            }
            guard let answer else { throw BenchPeerError.signaling("the peer sent no answer") }
            try await offerer.setRemoteDescription(answer)
        }
        let echoEvents = EventReader(echo.events)
        try await waitFor(.open, on: echoEvents, "echo to open")
        return (echo, bulk, (ContinuousClock.now - started).rtcSeconds, ProcessCPUTime.seconds() - connectCPUBefore, phases)
    }

    private static func close(_ offerer: PeerConnection, _ answerer: PeerConnection?, _ process: PeerProcess?) async {
        await offerer.close()
        await answerer?.close()
        await process?.stop()
        process?.removeLog()
    }

    /// `count` echoed 64-byte messages on `channel`, one in flight at a time; seconds each.
    static func roundTrips(on channel: DataChannel, count: Int) async throws -> [Double] {
        let payload = [UInt8](repeating: 0xA5, count: 64)
        let state = Mutex((sentAt: ContinuousClock.now, samples: [Double]()))
        let done = OnceGate<[Double]>()
        channel.setEventHandler { event in
            guard case .message = event else { return }
            let now = ContinuousClock.now
            let finished: [Double]? = state.withLock { state in
                state.samples.append((now - state.sentAt).rtcSeconds)
                guard state.samples.count == count else {
                    state.sentAt = now
                    return nil
                }
                return state.samples
            }
            if let finished { done.finish(.success(finished)) } else { try? channel.send(payload) }
        }
        defer { channel.setEventHandler(nil) }
        state.withLock { $0.sentAt = ContinuousClock.now }
        try channel.send(payload)
        return try await withTimeout(.seconds(60), "\(count) echoes") { try await done.wait().get() }
    }

    private static func waitFor(_ wanted: DataChannelEvent, on reader: EventReader<DataChannelEvent>, _ what: String) async throws {
        while let event = try await reader.next(timeout: .seconds(30), what) {
            if event == wanted { return }
            if event == .close { break }
        }
        throw BenchPeerError.notOpen(what)
    }

}

/// A bench step that could not proceed.
enum BenchPeerError: Error, CustomStringConvertible {
    case notOpen(String)
    case signaling(String)

    var description: String {
        switch self {
        case .notOpen(let what): "gave up waiting for \(what)"
        case .signaling(let what): what
        }
    }
}
