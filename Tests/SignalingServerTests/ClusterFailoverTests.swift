import Foundation
import RTCBase
import RTCTestSupport
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing

/// Instances that die and a database that restarts, with `collab serve --postgres` processes.
@Suite(.enabled(if: PostgresProcess.clusterSuitesRun,
                "run in a process of their own: COLLAB_CLUSTER_TESTS=1 (scripts/test does), with PostgreSQL installed"),
       .timeLimit(.minutes(2)))
struct ClusterFailoverTests {
    /// `collab serve --postgres` as a child process, on a free port.
    private final class Instance {
        let process: ChildProcess
        let port: Int

        init(postgres url: String) async throws {
            process = try ChildProcess([
                ServeProcessTests.collab.path,
                "serve", "--port", "0", "--stun-port", "off", "--log-level", ProcessInfo.processInfo.environment["COLLAB_TEST_LOG"] ?? "error", "--postgres", url,
                "--heartbeat-interval", "0.25", "--instance-dead-after", "3", "--resume-grace", "30",
            ], output: .pipeStandardOutput)
            let line = await process.readLine(within: 30)
            guard let line, line.hasPrefix("listening ws://127.0.0.1:"),
                let port = Int(line.split(separator: ":").last?.split(separator: "/").first ?? "")
            else {
                let output = await (line ?? "") + process.readAll(within: 1)
                await process.stop(grace: 2)
                throw ServeStartError(output: output)
            }
            self.port = port
        }

        var server: TestServer { TestServer(port: port) }

        func kill9() {
            process.stop(SIGKILL, grace: 5)
        }

        /// SIGTERM; a server that does not exit within 15 s fails the test (and is killed).
        func stop() {
            guard process.isRunning else { return }
            if !process.stop(SIGTERM, grace: 15) || process.exitStatus(within: 0) != 0 {
                Issue.record("collab serve --postgres did not exit cleanly on SIGTERM")
            }
        }
    }

    private struct ServeStartError: Error, CustomStringConvertible {
        let output: String
        var description: String { "collab serve --postgres did not start (its log is above); it printed:\n\(output)" }
    }

    private static func numbered(_ index: Int) -> ICECandidateInit {
        ICECandidateInit(candidate: "candidate:\(index) 1 udp 1 127.0.0.1 \(6000 + index) typ host", sdpMid: "0", sdpMLineIndex: 0)
    }

    private static func ports(_ messages: [ServerMessage], from sender: UUID) -> [Int] {
        messages.compactMap { message in
            guard case .candidate(let from, let candidate) = message, from == sender else { return nil }
            return Int(candidate.candidate.split(separator: " ")[5])
        }
    }

    @Test func clientsOfAKilledInstanceResumeOnAnother() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeProcessTests.collab.path), "build collab first")
        let postgres = try await PostgresProcess.started()
        defer { postgres.stop() }
        try await postgres.createDatabase("collab")
        let url = postgres.url(database: "collab")
        let a = try await Instance(postgres: url)
        defer { a.stop() }
        let b = try await Instance(postgres: url)
        defer { b.stop() }

        // Ana's room lives on A (she created it there); Ben reaches it through B.
        let (ana, anaEvents) = try await makeClient(a.server, fallbacks: [b.server])
        let room = try await ana.createRoom(name: "Ana")
        let (ben, benEvents) = try await makeClient(b.server, fallbacks: [])
        let benID = try await ben.join(code: room.roomCode.value, name: "Ben").participantID
        try await ana.sendOffer(to: benID, sdp: "before")
        try await benEvents.waitMessage("offer before the kill") { $0 == .offer(from: room.participantID, sdp: "before") }
        // Rooms reach the tables just after the change (write-behind): a member that joined in the
        // very moment before a crash is not adopted. Here the kill comes once Ben is written.
        let cluster = TestCluster(postgres: postgres, database: "collab")
        try await cluster.waitFor("SELECT count(*) FROM collab_members", "two members written") { $0 == "2" }

        a.kill9()

        // Ana reconnects to B; Ben is closed by B once A is found dead. Both resume there.
        try await anaEvents.waitEvent("ana resumed") { if case .resumed = $0 { true } else { false } }
        try await benEvents.waitEvent("ben resumed") { if case .resumed = $0 { true } else { false } }
        let anaAgain = try #require(await ana.membership)
        let benAgain = try #require(await ben.membership)
        #expect(anaAgain.participantID == room.participantID)
        #expect(benAgain.participantID == benID)
        #expect(Set(benAgain.participants.map(\.id)) == [room.participantID, benID])

        // After the resume nothing relayed is lost, and it arrives in order.
        for index in 0..<20 { try await ana.sendCandidate(to: benID, candidate: Self.numbered(index)) }
        try await ben.sendAnswer(to: room.participantID, sdp: "after")
        try await anaEvents.waitMessage("answer after the resume") { $0 == .answer(from: benID, sdp: "after") }
        try await benEvents.until("20 candidates after the resume") {
            Self.ports(EventRecorder.messages(in: $0), from: room.participantID).count >= 20
        }
        #expect(Self.ports(await benEvents.messages, from: room.participantID) == Array(6000..<6020))
        // The room stayed whole: nobody saw anybody leave.
        for events in [anaEvents, benEvents] {
            #expect(await events.messages.allSatisfy { if case .participantLeft = $0 { false } else { true } })
        }
        #expect(try await postgres.psql("collab", "SELECT count(*) FROM collab_members").trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        // The tables hold digests of the resume tokens, never the tokens.
        let stored = try await postgres.psql("collab", "SELECT resume_digest FROM collab_members").split(separator: "\n").map(String.init)
        #expect(stored.count == 2 && stored.allSatisfy { $0.count == 64 && Hex.decode($0) != nil })
        #expect(!stored.contains(room.resumeToken))
        await ana.close()
        await ben.close()
    }

    /// The database stops and starts under relay load. A statement that postgres-nio's pool left
    /// waiting after the restart once stopped an instance's heartbeats; every statement now has a
    /// deadline and a wedged pool is replaced (ClusterPool, ClusterPoolTests).
    @Test
    func instancesCarryOnAfterTheDatabaseRestartsUnderLoad() async throws {
        try await TestCluster.with(instances: 2, { $0.messagesPerSecond = 5000; $0.messageBurst = 5000 }) { cluster, servers in
            let (ana, _) = try await makeClient(servers[0])
            let room = try await ana.createRoom(name: "Ana")
            let (ben, benEvents) = try await makeClient(servers[1])
            let benID = try await ben.join(code: room.roomCode.value, name: "Ben").participantID

            // Load across the instances while the database goes down and comes back.
            let load = Task {
                for index in 0..<2000 {
                    guard !Task.isCancelled else { return }
                    try? await ana.sendCandidate(to: benID, candidate: Self.numbered(index))
                    await Task.yield()
                }
            }
            try await benEvents.until("relay before the restart") { !Self.ports(EventRecorder.messages(in: $0), from: room.participantID).isEmpty }
            await cluster.postgres.stopServer()
            try await cluster.postgres.start()

            // Relay comes back: probes until one gets through (bounded: 40 probes, 1 s each).
            var through = false
            for attempt in 0..<40 where !through {
                try await ana.sendOffer(to: benID, sdp: "probe-\(attempt)")
                through = (try? await benEvents.until("probe \(attempt)", timeout: .seconds(1)) { events in
                    EventRecorder.messages(in: events).contains { if case .offer(_, let sdp) = $0 { sdp.hasPrefix("probe-") } else { false } }
                }) != nil
            }
            load.cancel()
            #expect(through, "relay between the instances did not come back after the restart")
            // Candidates that arrived are each there once and in order (some were lost while it was down).
            let ports = Self.ports(await benEvents.messages, from: room.participantID)
            #expect(ports == ports.sorted())
            #expect(Set(ports).count == ports.count)

            // Rooms work again: a newcomer joins on B, the room's home tells Ana.
            let (caro, _) = try await makeClient(servers[1])
            let caroID = try await caro.join(code: room.roomCode.value, name: "Caro").participantID
            try await benEvents.waitMessage("caro joined") {
                if case .participantJoined(let info) = $0 { info.id == caroID } else { false }
            }
            for client in [ana, ben, caro] { await client.close() }
        } as Void
    }
}
