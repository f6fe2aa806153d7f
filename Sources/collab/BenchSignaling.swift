import ArgumentParser
import Foundation
import Logging
import RTCBase
import SignalingClient
import SignalingProtocol
import Synchronization

struct BenchSignaling: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signaling",
        abstract: "Load the signaling server on loopback and print what it sustains (a benchmark, not a test).",
        discussion: """
            Starts `collab serve` as a child process on a free 127.0.0.1 port (with rate limits raised so \
            they do not cap the figures), connects --clients WebSocket clients from this process, puts them \
            in --rooms rooms (one host each, the rest join by code), then measures: connections set up per \
            second, join latency, relay throughput (every guest sends to its host as fast as a window of \
            --window messages in flight allows, for --seconds), relay latency at a fixed total --rate, and \
            the server's resident memory per connection. Talks only to 127.0.0.1.
            """
    )

    @Option(help: "WebSocket clients to connect.") var clients = 1000
    @Option(help: "Rooms to spread them over (at most 8 clients a room).") var rooms = 250
    @Option(help: "Seconds for each of the throughput and latency phases.") var seconds = 5.0
    @Option(help: "Total relayed messages per second in the latency phase.") var rate = 10_000.0
    @Option(help: "Messages in flight per sender in the throughput phase.") var window = 32
    @Option(help: "Connections opened at once while setting up.") var connectConcurrency = 100
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        guard clients >= 2, rooms >= 1, clients >= rooms * 2 else { throw ValidationError("need at least 2 clients per room") }
        guard clients <= rooms * 8 else { throw ValidationError("at most 8 clients per room: raise --rooms") }
        guard seconds > 0, seconds <= 600, rate > 0, window >= 1 else { throw ValidationError("bad --seconds, --rate or --window") }
    }

    func run() async throws {
        var logger = Logger(label: "collab.bench")
        logger.logLevel = .error
        let server = try ChildServer.start(arguments: [
            "serve", "--port", "0", "--log-level", "error", "--message-rate", "1000000", "--message-burst", "1000000",
            "--max-connections", "\(max(20_000, clients + 100))",
        ])
        defer { server.stop() }
        let baseRSS = server.residentBytes()
        let report = BenchReport()
        progress("server \(server.url) (pid \(server.pid)), \(clients) clients in \(rooms) rooms")

        // 1. Connections.
        let started = ContinuousClock.now
        let sessions = try await connectAll(url: server.url, logger: logger)
        let connectSeconds = (ContinuousClock.now - started).rtcSeconds
        report.set("connections", Double(clients))
        report.set("connections_per_second", Double(clients) / connectSeconds)
        let rss = server.residentBytes()
        report.set("server_rss_mib", Double(rss) / 1_048_576)
        report.set("server_bytes_per_connection", Double(rss - baseRSS) / Double(clients))
        progress("connected \(clients) in \(String(format: "%.2f", connectSeconds)) s")

        // 2. Rooms and joins.
        let layout = try await formRooms(sessions)
        report.set("join_p50_ms", layout.joinLatencies.percentile(0.5) * 1000)
        report.set("join_p99_ms", layout.joinLatencies.percentile(0.99) * 1000)
        progress("formed \(rooms) rooms")

        // 3. Throughput, then 4. latency at a fixed rate.
        let load = RelayLoad(layout: layout, window: window)
        let cpuBefore = server.cpuSeconds()
        let throughput = try await load.runThroughput(seconds: seconds)
        report.set("relayed_per_second", throughput)
        report.set("server_cpu_us_per_relayed", (server.cpuSeconds() - cpuBefore) * 1e6 / max(1, throughput * seconds))
        progress("throughput phase done")
        let latency = try await load.runAtRate(rate, seconds: seconds)
        report.set("relay_rate_target", rate)
        report.set("relay_rate_achieved", latency.achieved)
        report.set("relay_p50_ms", latency.latencies.percentile(0.5) * 1000)
        report.set("relay_p99_ms", latency.latencies.percentile(0.99) * 1000)
        report.set("server_rss_after_mib", Double(server.residentBytes()) / 1_048_576)

        for session in sessions { await session.close() }
        say(json ? report.json() : report.text())
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data("bench: \(line)\n".utf8))
    }

    private func connectAll(url: String, logger: Logger) async throws -> [SignalingSession] {
        var sessions: [SignalingSession] = []
        var next = 0
        while next < clients {
            let batch = min(connectConcurrency, clients - next)
            let connected = try await withThrowingTaskGroup(of: SignalingSession.self) { group in
                for _ in 0..<batch {
                    group.addTask {
                        var configuration = SignalingSessionConfiguration(url: url)
                        configuration.reconnect = false
                        configuration.eventBufferLimit = 1_000_000
                        let session = SignalingSession(configuration: configuration, logger: logger)
                        try await session.connect()
                        return session
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            sessions += connected
            next += batch
        }
        return sessions
    }

    private func formRooms(_ sessions: [SignalingSession]) async throws -> RoomLayout {
        let hosts = Array(sessions.prefix(rooms))
        let guests = Array(sessions.dropFirst(rooms))
        let memberships = try await withThrowingTaskGroup(of: (Int, RoomMembership).self) { group in
            for (index, host) in hosts.enumerated() {
                group.addTask { (index, try await host.createRoom(name: "host\(index)")) }
            }
            return try await group.reduce(into: [Int: RoomMembership]()) { $0[$1.0] = $1.1 }
        }
        let joined = try await withThrowingTaskGroup(of: (Int, UUID, Double).self) { group in
            for (index, guest) in guests.enumerated() {
                let room = index % rooms
                let code = memberships[room]!.roomCode.value
                group.addTask {
                    let start = ContinuousClock.now
                    let membership = try await guest.join(code: code, name: "guest\(index)")
                    return (index, membership.participantID, (ContinuousClock.now - start).rtcSeconds)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        return RoomLayout(
            hosts: hosts.enumerated().map { RoomLayout.Host(session: $1, id: memberships[$0]!.participantID) },
            guests: joined.sorted { $0.0 < $1.0 }.map { index, id, _ in
                RoomLayout.Guest(session: guests[index], id: id, host: memberships[index % rooms]!.participantID, room: index % rooms)
            },
            joinLatencies: joined.map(\.2))
    }
}

extension Array where Element == Double {
    func percentile(_ p: Double) -> Double {
        guard !isEmpty else { return .nan }
        let sorted = self.sorted()
        return sorted[Swift.min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }
}
