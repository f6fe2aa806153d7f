import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix
import SignalingClient
import SignalingProtocol
import Synchronization

/// `collab bench soak`: hours of internet in minutes. Clients join, relay and leave for
/// `--minutes`, a few readers stall in busy rooms, and the server's memory and file descriptors
/// are printed at the start, while it runs, and after everyone left.
struct BenchSoak: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Soak the signaling server: clients join, relay and leave for a while; prints its RSS and fds (not a test).",
        discussion: """
            Starts `collab serve` as a child on a free 127.0.0.1 port and keeps --clients clients busy: \
            each joins a room of up to --room-size (creating one when none has a place), sends a 1 KB \
            room-wide offer every --relay-interval seconds, leaves after 5 to --lifetime seconds and \
            comes back as a new participant. --slow-readers pairs each have a sender pushing 32 KB \
            offers at a reader that never reads, which the server must cut off (write deadline) again \
            and again. At the end every client leaves and the server's RSS and open descriptors are \
            printed next to their values at the start. Talks only to 127.0.0.1.
            """
    )

    @Option(help: "Concurrent clients.") var clients = 2000
    @Option(help: "How long to run, in minutes.") var minutes = 10.0
    @Option(help: "Participants per room at most.") var roomSize = 4
    @Option(help: "Seconds between a client's relays.") var relayInterval = 2.0
    @Option(help: "Longest client lifetime in seconds (each lives 5...this).") var lifetime = 30.0
    @Option(help: "Readers that stall in busy rooms.") var slowReaders = 4
    @Option(help: "Connections opened at once while ramping up.") var rampConcurrency = 50

    func validate() throws {
        guard clients >= 2, minutes > 0, roomSize >= 2, roomSize <= 8 else { throw ValidationError("bad --clients, --minutes or --room-size") }
        guard relayInterval > 0, lifetime >= 5, slowReaders >= 0, rampConcurrency >= 1 else {
            throw ValidationError("bad --relay-interval, --lifetime, --slow-readers or --ramp-concurrency")
        }
    }

    func run() async throws {
        let logger = {
            var logger = Logger(label: "collab.soak")
            logger.logLevel = .critical
            return logger
        }()
        let server = try ChildServer.start(arguments: [
            "serve", "--port", "0", "--log-level", "error", "--stun-port", "off",
            "--message-rate", "1000000", "--message-burst", "1000000", "--max-connections", "\(max(20_000, clients * 2))",
        ])
        defer { server.stop() }
        guard let port = Int(server.url.split(separator: ":").last?.split(separator: "/").first ?? "") else {
            throw ValidationError("cannot read the port of \(server.url)")
        }
        let baseline = Sample(server)
        say("server pid \(server.pid) \(server.url); baseline \(baseline)")
        let deadline = ContinuousClock.now + .milliseconds(Int(minutes * 60_000))
        let board = RoomBoard(roomSize: roomSize)
        let tally = SoakTally(baseline: baseline)

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // A sample every 10 s, so a leak shows as a climb while it runs.
                while ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .seconds(10))
                    let now = Sample(server)
                    tally.observe(now)
                    say("  \(now)  \(tally.line())")
                }
            }
            for index in 0..<clients {
                // Ramp up in steps so the start is not a thundering herd.
                if index % rampConcurrency == 0, index > 0 { try? await Task.sleep(for: .milliseconds(100)) }
                group.addTask { await Self.client(url: server.url, board: board, tally: tally, deadline: deadline,
                                                  relayInterval: relayInterval, lifetime: lifetime, logger: logger) }
            }
            for _ in 0..<slowReaders {
                group.addTask { await Self.slowPair(url: server.url, port: port, tally: tally, deadline: deadline, logger: logger) }
            }
        }
        // Everyone has left; the server closes sockets within its close timeout.
        var end = Sample(server)
        for _ in 0..<60 where end.fds > baseline.fds + 2 {
            try? await Task.sleep(for: .milliseconds(500))
            end = Sample(server)
        }
        // Members that dropped without leaving keep their place for the resume grace (15 s).
        for _ in 0..<60 {
            let text = (try? await Self.get(port: port, path: "/metrics")) ?? ""
            if text.contains("\ncollab_signaling_rooms 0") { break }
            try? await Task.sleep(for: .milliseconds(500))
        }
        // The server returns freed memory every 5 s (MemoryTrimmer): give it two rounds.
        end = Sample(server)
        for _ in 0..<24 where end.rss > baseline.rss + 16 * 1_048_576 {
            try? await Task.sleep(for: .milliseconds(500))
            end = Sample(server)
        }
        say("end       \(end)  \(tally.line())")
        say("peak      \(tally.peak)")
        let metrics = (try? await Self.get(port: port, path: "/metrics")) ?? ""
        for name in ["connections", "rooms", "relayed_messages_total", "dropped_messages_total", "slow_readers_closed_total"] {
            let line = metrics.split(separator: "\n").first { $0.hasPrefix("collab_signaling_\(name) ") }
            say("server    \(line ?? "collab_signaling_\(name) ?")")
        }
        say(String(format: "rss %+.1f MiB, fds %+d against the baseline", Double(end.rss - baseline.rss) / 1_048_576,
                   end.fds - baseline.fds))
    }

    /// One client slot: join, relay, leave, again, until the deadline.
    static func client(
        url: String, board: RoomBoard, tally: SoakTally, deadline: ContinuousClock.Instant, relayInterval: Double,
        lifetime: Double, logger: Logger
    ) async {
        let offer = String(repeating: "a", count: 1000)
        while ContinuousClock.now < deadline {
            let (session, drain) = Self.session(url: url, logger: logger)
            do {
                try await session.connect()
                let membership: RoomMembership
                if let code = await board.take() {
                    do {
                        membership = try await session.join(code: code, name: "soak")
                    } catch {
                        await board.give(code)
                        throw error
                    }
                } else {
                    membership = try await session.createRoom(name: "soak")
                    await board.offer(membership.roomCode.value, taken: 1)
                }
                tally.joined()
                let leaveAt = min(deadline, ContinuousClock.now + .milliseconds(Int(Double.random(in: 5...lifetime) * 1000)))
                while ContinuousClock.now < leaveAt {
                    try await Task.sleep(for: .milliseconds(Int(relayInterval * 1000 * Double.random(in: 0.5...1.5))))
                    try await session.sendRaw(ClientMessage.offer(to: nil, sdp: offer).jsonText())
                    tally.relayed()
                }
                await board.give(membership.roomCode.value)
            } catch {
                tally.failed()
                // A client that failed (an overloaded machine) waits before it comes back, as a
                // real one backs off, instead of hammering the server in a tight loop.
                try? await Task.sleep(for: .milliseconds(Int.random(in: 1000...3000)))
            }
            await session.close()
            drain.cancel()
        }
    }

    /// A client without reconnects, and the task that drains (and drops) its events.
    static func session(url: String, logger: Logger) -> (SignalingSession, Task<Void, Never>) {
        var configuration = SignalingSessionConfiguration(url: url)
        configuration.reconnect = false
        let session = SignalingSession(configuration: configuration, logger: logger)
        return (session, Task { for await _ in session.events {} })
    }

    /// A sender pushing 32 KB offers into a room where a reader never reads: the server must cut
    /// the reader off at its write deadline, each time, without keeping its memory.
    static func slowPair(url: String, port: Int, tally: SoakTally, deadline: ContinuousClock.Instant, logger: Logger) async {
        let big = ClientMessage.offer(to: nil, sdp: String(repeating: "b", count: 32_000)).jsonText()
        while ContinuousClock.now < deadline {
            let (sender, drain) = Self.session(url: url, logger: logger)
            do {
                try await sender.connect()
                let room = try await sender.createRoom(name: "firehose")
                let reader = Task {
                    try await SoakSlowReader.run(port: port, code: room.roomCode.value, hold: .seconds(15))
                }
                let until = min(deadline, ContinuousClock.now + .seconds(15))
                while ContinuousClock.now < until {
                    try await sender.sendRaw(big)
                    try await Task.sleep(for: .milliseconds(20))
                }
                reader.cancel()
                _ = await reader.result
                tally.slowCycle()
            } catch {
                tally.failed()
                // A client that failed (an overloaded machine) waits before it comes back, as a
                // real one backs off, instead of hammering the server in a tight loop.
                try? await Task.sleep(for: .milliseconds(Int.random(in: 1000...3000)))
            }
            await sender.close()
            drain.cancel()
        }
    }
}

extension BenchSoak {
    /// A plain HTTP GET on 127.0.0.1, read to the server's close (bounded to 1 MiB).
    static func get(port: Int, path: String) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
            var bytes: [UInt8] = []
            for try await chunk in inbound where bytes.count < 1 << 20 { bytes += chunk.readableBytesView }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

/// The server's resident memory and open file descriptors at one instant.
struct Sample: Sendable, CustomStringConvertible {
    let rss: Int
    let fds: Int

    init(_ server: ChildServer) {
        rss = server.residentBytes()
        fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(server.pid)/fd").count) ?? -1
    }

    var description: String {
        String(format: "rss %.1f MiB, fds %d", Double(rss) / 1_048_576, fds)
    }
}

/// Rooms with free places, so soak clients fill rooms instead of each making its own.
actor RoomBoard {
    private let roomSize: Int
    private var taken: [String: Int] = [:]

    init(roomSize: Int) {
        self.roomSize = roomSize
    }

    /// A code with a free place (now counted as taken), or nil: create a room.
    func take() -> String? {
        guard let code = taken.first(where: { $0.value < roomSize })?.key else { return nil }
        taken[code, default: 0] += 1
        return code
    }

    /// A new room with `taken` places used.
    func offer(_ code: String, taken count: Int) {
        taken[code] = count
    }

    /// A place given back; an empty room is gone from the server, so from the board too.
    func give(_ code: String) {
        guard let count = taken[code] else { return }
        taken[code] = count > 1 ? count - 1 : nil
    }
}

/// Counters the soak prints.
final class SoakTally: Sendable {
    private let counts = Mutex((joins: 0, relays: 0, failures: 0, slowCycles: 0))
    private let highest: Mutex<Sample>

    init(baseline: Sample) {
        highest = Mutex(baseline)
    }

    /// Keeps the sample with the most memory.
    func observe(_ sample: Sample) {
        highest.withLock { if sample.rss > $0.rss { $0 = sample } }
    }

    /// The sample with the most memory so far.
    var peak: Sample { highest.withLock { $0 } }

    func joined() { counts.withLock { $0.joins += 1 } }
    func relayed() { counts.withLock { $0.relays += 1 } }
    func failed() { counts.withLock { $0.failures += 1 } }
    func slowCycle() { counts.withLock { $0.slowCycles += 1 } }

    func line() -> String {
        let c = counts.withLock { $0 }
        return "joins \(c.joins), relays \(c.relays), slow-reader cycles \(c.slowCycles), failed sessions \(c.failures)"
    }
}
