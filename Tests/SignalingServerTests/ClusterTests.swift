import Foundation
import RTCTestSupport
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing

/// Several instances sharing rooms through PostgreSQL (`collab serve --postgres`), in this process.
@Suite(.enabled(if: PostgresProcess.clusterSuitesRun,
                "run in a process of their own: COLLAB_CLUSTER_TESTS=1 (scripts/test does), with PostgreSQL installed"),
       .timeLimit(.minutes(2)))
struct ClusterTests {
    /// A client of `server` joined to the room of `code` as `name`, its events and its participant ID.
    private static func member(
        of code: String, on server: TestServer, as name: String
    ) async throws -> (SignalingSession, EventRecorder, UUID) {
        let (client, events) = try await makeClient(server)
        return (client, events, try await client.join(code: code, name: name).participantID)
    }

    /// Ana's room on the first of `servers` (its home), and Ben joined to it from the second
    /// (proxied there): the setup of most tests here.
    private static func roomAcrossTwoInstances(_ servers: [TestServer]) async throws -> (
        ana: SignalingSession, anaEvents: EventRecorder, room: RoomMembership,
        ben: SignalingSession, benEvents: EventRecorder, benID: UUID
    ) {
        let (ana, anaEvents) = try await makeClient(servers[0])
        let room = try await ana.createRoom(name: "Ana")
        let (ben, benEvents, benID) = try await member(of: room.roomCode.value, on: servers[1], as: "Ben")
        return (ana, anaEvents, room, ben, benEvents, benID)
    }

    /// A host candidate on `port` of loopback (the port tells relays apart).
    private static func candidate(port: Int) -> ICECandidateInit {
        ICECandidateInit(candidate: "candidate:1 1 udp 1 127.0.0.1 \(port) typ host", sdpMid: "0", sdpMLineIndex: 0)
    }

    /// The ports of the candidates `sender` relayed among `messages`, in order.
    private static func ports(from sender: UUID, in messages: some Sequence<ServerMessage>) -> [Int] {
        messages.compactMap { message in
            guard case .candidate(let from, let candidate) = message, from == sender else { return nil }
            return Int(candidate.candidate.split(separator: " ")[5])
        }
    }

    private static let candidate = ICECandidateInit(candidate: "candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0)

    @Test func createOnOneJoinOnAnotherAndRelayAcross() async throws {
        try await TestCluster.with(instances: 2) { cluster, servers in
            let (ana, anaEvents) = try await makeClient(servers[0])
            let room = try await ana.createRoom(name: "Ana", password: "secret")
            let (ben, benEvents) = try await makeClient(servers[1])
            await #expect(throws: SignalingSessionError.self) {
                try await ben.join(code: room.roomCode.value, name: "Ben", password: "wrong")
            }
            let joined = try await ben.join(code: room.roomCode.value.lowercased(), name: "Ben", password: "secret")
            #expect(joined.roomID == room.roomID)
            #expect(joined.hostID == room.participantID)
            #expect(joined.participants.map(\.name) == ["Ana", "Ben"])
            let benID = joined.participantID
            try await anaEvents.waitMessage("ben joined") {
                if case .participantJoined(let info) = $0 { info.id == benID } else { false }
            }

            // Offer, answer and candidates both ways, one of them larger than a notification holds.
            let bigSDP = "v=0\r\n" + String(repeating: "a=x-filler:0123456789abcdef\r\n", count: 700)
            try await ana.sendOffer(to: benID, sdp: bigSDP)
            try await ben.sendAnswer(to: room.participantID, sdp: "answer-from-ben")
            for index in 0..<40 {
                let numbered = ICECandidateInit(candidate: "candidate:\(index) 1 udp 1 127.0.0.1 \(5000 + index) typ host", sdpMid: "0", sdpMLineIndex: 0)
                try await ana.sendCandidate(to: benID, candidate: numbered)
            }
            try await ben.sendCandidate(to: room.participantID, candidate: Self.candidate)
            try await benEvents.waitMessages("40 candidates", count: 40) { if case .candidate = $0 { true } else { false } }
            try await anaEvents.waitMessage("ben's candidate") { $0 == .candidate(from: benID, candidate: Self.candidate) }
            try await anaEvents.waitMessage("ben's answer") { $0 == .answer(from: benID, sdp: "answer-from-ben") }

            // Sent from one socket, relayed through one NOTIFY channel: in order, each once.
            let relayed = await benEvents.messages.filter {
                switch $0 {
                case .offer, .candidate: true
                default: false
                }
            }
            #expect(relayed.first == .offer(from: room.participantID, sdp: bigSDP))
            let ports = relayed.dropFirst().compactMap { message -> Int? in
                guard case .candidate(_, let candidate) = message else { return nil }
                return Int(candidate.candidate.split(separator: " ")[5])
            }
            #expect(ports == Array(5000..<5040))

            // The room, its members and host are in the tables.
            try await cluster.waitFor(
                "SELECT count(*) FROM collab_members m JOIN collab_rooms r ON r.id = m.room_id WHERE r.code = '\(room.roomCode.value)'",
                "two members") { $0 == "2" }
            #expect(try await cluster.sql("SELECT host_id FROM collab_rooms WHERE code = '\(room.roomCode.value)'")
                    == room.participantID.uuidString.lowercased())
            await ana.close()
            await ben.close()
        } as Void
    }

    /// On the room's home, relays to a member proxied from the other instance leave from the
    /// sender's socket task (not the hub), and arrive there straight from the LISTEN task (as the
    /// home wrote them): a newcomer's notice still comes before her relays, and each sender's
    /// relays come in order, once.
    @Test func relaysFromTheHomeToAProxiedMemberKeepOrderAndFollowNotices() async throws {
        try await TestCluster.with(instances: 2) { _, servers in
            let (ana, _, room, ben, benEvents, benID) = try await Self.roomAcrossTwoInstances(servers)
            let (caro, _, caroID) = try await Self.member(of: room.roomCode.value, on: servers[0], as: "Caro")
            let count = 150
            for index in 0..<count {
                try await caro.sendCandidate(to: benID, candidate: Self.candidate(port: 6000 + index))
                try await ana.sendCandidate(to: benID, candidate: Self.candidate(port: 7000 + index))
            }
            try await benEvents.waitMessages("every candidate", count: 2 * count) { if case .candidate = $0 { true } else { false } }
            let messages = await benEvents.messages
            let joinedAt = try #require(messages.firstIndex {
                if case .participantJoined(let info) = $0 { info.id == caroID } else { false }
            })
            let firstFromCaro = try #require(messages.firstIndex {
                if case .candidate(let from, _) = $0 { from == caroID } else { false }
            })
            #expect(joinedAt < firstFromCaro)
            #expect(Self.ports(from: caroID, in: messages) == Array(6000..<(6000 + count)))
            #expect(Self.ports(from: room.participantID, in: messages) == Array(7000..<(7000 + count)))
            for client in [ana, ben, caro] { await client.close() }
        } as Void
    }

    /// Relays both ways between two instances keep their order and arrive once with NOTIFY paced
    /// and not, with the benchmarks' stamped payloads.
    @Test(arguments: [1, 0])
    func relaysKeepOrderWithAndWithoutPacingAndStamps(intervalMilliseconds: Int) async throws {
        try await TestCluster.with(instances: 2, cluster: {
            $0.notifyInterval = .milliseconds(intervalMilliseconds)
            $0.stageStamps = true
        }) { _, servers in
            let (ana, anaEvents, room, ben, benEvents, benID) = try await Self.roomAcrossTwoInstances(servers)
            let count = 100
            for index in 0..<count {
                try await ana.sendCandidate(to: benID, candidate: Self.candidate(port: 7000 + index))
                try await ben.sendCandidate(to: room.participantID, candidate: Self.candidate(port: 8000 + index))
            }
            let isCandidate: @Sendable (ServerMessage) -> Bool = { if case .candidate = $0 { true } else { false } }
            try await benEvents.waitMessages("Ana's candidates", count: count, isCandidate)
            try await anaEvents.waitMessages("Ben's candidates", count: count, isCandidate)
            #expect(Self.ports(from: room.participantID, in: await benEvents.messages) == Array(7000..<(7000 + count)))
            #expect(Self.ports(from: benID, in: await anaEvents.messages) == Array(8000..<(8000 + count)))
            for client in [ana, ben] { await client.close() }
        } as Void
    }

    /// A leaver's relays all come before its left notice, whichever path they took: Caro, proxied
    /// from the other instance (her relays go from the home's LISTEN task through her seat), and
    /// Dan, on the home (his go from his socket task, to Ben through the NOTIFY queue); seen by
    /// Ana on the home and by Ben on the other instance, in order, once.
    @Test func aLeaversRelaysComeBeforeItsLeftNoticeOnEveryPath() async throws {
        try await TestCluster.with(instances: 2) { _, servers in
            let (ana, anaEvents, room, ben, benEvents, benID) = try await Self.roomAcrossTwoInstances(servers)
            let (caro, _, caroID) = try await Self.member(of: room.roomCode.value, on: servers[1], as: "Caro")
            let (dan, _, danID) = try await Self.member(of: room.roomCode.value, on: servers[0], as: "Dan")
            let count = 100
            for index in 0..<count {
                for (sender, port) in [(caro, 6000 + index), (dan, 7000 + index)] {
                    try await sender.sendCandidate(to: benID, candidate: Self.candidate(port: port))
                    try await sender.sendCandidate(to: room.participantID, candidate: Self.candidate(port: port))
                }
            }
            try await caro.leave()
            try await dan.leave()
            for (events, who) in [(anaEvents, "ana"), (benEvents, "ben")] {
                for (leaver, base) in [(caroID, 6000), (danID, 7000)] {
                    try await events.waitMessage("\(leaver) left, seen by \(who)") {
                        if case .participantLeft(let id, _) = $0 { id == leaver } else { false }
                    }
                    let messages = await events.messages
                    let leftAt = try #require(messages.firstIndex {
                        if case .participantLeft(let id, _) = $0 { id == leaver } else { false }
                    })
                    let who = "\(who) from \(leaver == caroID ? "caro" : "dan")"
                    #expect(Self.ports(from: leaver, in: messages[..<leftAt]) == Array(base..<(base + count)), "\(who)")
                    #expect(Self.ports(from: leaver, in: messages[leftAt...]).isEmpty, "\(who)")
                }
            }
            for client in [ana, ben, caro, dan] { await client.close() }
        } as Void
    }

    @Test func threeInstancesNoticesAndHostMigration() async throws {
        try await TestCluster.with(instances: 3) { cluster, servers in
            let (ana, anaEvents) = try await makeClient(servers[0])
            let room = try await ana.createRoom(name: "Ana")
            let (ben, benEvents) = try await makeClient(servers[1])
            let benID = try await ben.join(code: room.roomCode.value, name: "Ben").participantID
            let (caro, caroEvents) = try await makeClient(servers[2])
            let caroJoined = try await caro.join(roomID: room.roomID, name: "Caro")
            #expect(caroJoined.participants.map(\.name) == ["Ana", "Ben", "Caro"])
            try await anaEvents.waitMessage("caro joined") {
                if case .participantJoined(let info) = $0 { info.id == caroJoined.participantID } else { false }
            }
            try await benEvents.waitMessage("caro joined, seen by ben") {
                if case .participantJoined(let info) = $0 { info.id == caroJoined.participantID } else { false }
            }
            // Ben and Caro, both away from the room's home, reach each other through it.
            try await caro.sendOffer(to: benID, sdp: "caro-to-ben")
            try await benEvents.waitMessage("caro's offer") { $0 == .offer(from: caroJoined.participantID, sdp: "caro-to-ben") }

            // The host leaves: the longest present (Ben, on another instance) becomes host.
            try await ana.leave()
            for (events, who) in [(benEvents, "ben"), (caroEvents, "caro")] {
                try await events.waitMessage("ana left, seen by \(who)") { $0 == .participantLeft(room.participantID) }
                try await events.waitMessage("host changed, seen by \(who)") { $0 == .hostChanged(benID) }
            }
            try await cluster.waitFor("SELECT host_id FROM collab_rooms WHERE id = '\(room.roomID)'", "ben as host") {
                $0 == benID.uuidString.lowercased()
            }
            // The new host's moderation works across instances too.
            try await ben.remove(participant: caroJoined.participantID)
            try await caroEvents.waitEvent("caro removed") {
                if case .serverClosed(code: 1008, _) = $0 { true } else { false }
            }
            try await ben.leave()
            // The last one out: the room and its code are gone everywhere.
            try await cluster.waitFor("SELECT count(*) FROM collab_rooms", "no rooms") { $0 == "0" }
            for client in [ana, ben, caro] { await client.close() }
        } as Void
    }

    @Test func codesStayUniqueUnderConcurrentCreatesOnEveryInstance() async throws {
        try await TestCluster.with(instances: 3) { cluster, servers in
            let perInstance = 8
            let codes = try await withThrowingTaskGroup(of: (String, SignalingSession).self) { group in
                for server in servers {
                    for index in 0..<perInstance {
                        group.addTask {
                            let (client, _) = try await makeClient(server)
                            return (try await client.createRoom(name: "Host \(index)").roomCode.value, client)
                        }
                    }
                }
                var results: [(String, SignalingSession)] = []
                for try await result in group { results.append(result) }
                return results
            }
            #expect(codes.count == servers.count * perInstance)
            #expect(Set(codes.map(\.0)).count == codes.count)
            #expect(try await cluster.sql("SELECT count(DISTINCT code) FROM collab_rooms") == "\(codes.count)")
            for (_, client) in codes { await client.close() }
        } as Void
    }

    /// A burst of offers too large for a notification, each followed by a candidate, from the
    /// home to a proxied member: all arrive in order, once each. The sender stores each batch's
    /// large envelopes in one statement (one row each), so one large envelope no longer holds
    /// those behind it for a round trip per large one before it; the figures it prints are the
    /// count compared (one statement per large envelope before).
    @Test func largeEnvelopesInABurstKeepOrderAndArriveOnce() async throws {
        try await TestCluster.with(instances: 2) { cluster, servers in
            let (ana, _, room, ben, benEvents, benID) = try await Self.roomAcrossTwoInstances(servers)
            let count = 60
            let started = ContinuousClock.now
            for index in 0..<count {
                let sdp = "v=0\r\ns=\(index)\r\n" + String(repeating: "a=x-filler:0123456789abcdef\r\n", count: 400)
                try await ana.sendOffer(to: benID, sdp: sdp)
                try await ana.sendCandidate(to: benID, candidate: Self.candidate(port: 9000 + index))
            }
            let relayed = try await benEvents.waitMessages("\(count) candidates", count: count) {
                if case .candidate = $0 { true } else { false }
            }
            let elapsed = ContinuousClock.now - started
            #expect(Self.ports(from: room.participantID, in: relayed) == Array(9000..<(9000 + count)))
            let order = await benEvents.messages.compactMap { message -> Int? in
                switch message {
                case .offer(_, let sdp): Int(sdp.split(separator: "\r\n")[1].dropFirst(2)).map { $0 * 2 }
                case .candidate(_, let candidate): Int(candidate.candidate.split(separator: " ")[5]).map { ($0 - 9000) * 2 + 1 }
                default: nil
                }
            }
            #expect(order == Array(0..<(2 * count)))
            #expect(try await cluster.sql("SELECT count(*) FROM collab_relay_blobs") == "0")
            let metrics = try await RawHTTP.get(port: servers[0].port, path: "/metrics")
            let figures = metrics.split(separator: "\n").filter {
                $0.hasPrefix("collab_cluster_blobs_total ") || $0.hasPrefix("collab_cluster_blob_statements_total ")
            }
            print("large-envelope burst: \(count) offers + \(count) candidates in \(elapsed); \(figures.joined(separator: ", "))")
            // Batched: fewer statements than large envelopes (how many fewer depends on timing).
            func figure(_ name: String) -> Int? {
                figures.first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) }.map { Int($0) }
            }
            let blobs = try #require(figure("collab_cluster_blobs_total"))
            let blobStatements = try #require(figure("collab_cluster_blob_statements_total"))
            #expect(blobs == count)
            #expect(blobStatements < blobs)
            await ana.close()
            await ben.close()
        } as Void
    }

    /// A client proxied to its room's home that leaves and creates a room: the room is reserved
    /// in the database like any other (its code unique everywhere), so a client of either
    /// instance finds it. Before, the create went to the home's state machine as a local one:
    /// no row, and the proxy's own instance answered "room not found".
    @Test func aRoomCreatedAfterLeavingAProxiedRoomIsReservedAndFoundEverywhere() async throws {
        try await TestCluster.with(instances: 2) { cluster, servers in
            let (ana, anaEvents, first, ben, _, benID) = try await Self.roomAcrossTwoInstances(servers)
            try await ben.leave()
            try await anaEvents.waitMessage("ben left") {
                if case .participantLeft(let id, _) = $0 { id == benID } else { false }
            }
            let second = try await ben.createRoom(name: "Ben again")
            let code = second.roomCode.value
            #expect(try await cluster.sql("SELECT count(*) FROM collab_rooms WHERE code = '\(code)'") == "1")
            for server in servers {
                let (caro, _, _) = try await Self.member(of: code, on: server, as: "Caro")
                await caro.close()
            }
            // Ana's room is Ana's alone again, in the tables too.
            try await cluster.waitFor(
                "SELECT count(*) FROM collab_members m JOIN collab_rooms r ON r.id = m.room_id WHERE r.code = '\(first.roomCode.value)'",
                "one member left") { $0 == "1" }
            await ana.close()
            await ben.close()
        } as Void
    }

    /// A client proxied to its room's home that asks for a room while still in its own (a raw
    /// frame: the client library refuses it itself) is told already-in-room by the home's state
    /// machine, before any database round trip: with one room allowed per address, the count
    /// that a create's reservation looks up first answered rate-limited instead.
    @Test func aProxiedMemberStillInItsRoomCannotCreateOne() async throws {
        try await TestCluster.with(instances: 2, { $0.maxRoomsPerAddress = 1; $0.limitLoopback = true }) { cluster, servers in
            let (ana, _, room, ben, benEvents, _) = try await Self.roomAcrossTwoInstances(servers)
            try await ben.sendRaw(ClientMessage.createRoom(name: "Again", password: nil).jsonText())
            let errors = try await benEvents.waitMessages("an error", count: 1) {
                if case .error = $0 { true } else { false }
            }
            #expect(errors.allSatisfy(isError(.alreadyInRoom)))
            #expect(await ben.membership?.roomID == room.roomID)
            #expect(try await cluster.sql("SELECT count(*) FROM collab_rooms") == "1")
            await ana.close()
            await ben.close()
        } as Void
    }

    @Test func failedJoinsCountOnEveryInstance() async throws {
        try await TestCluster.with(instances: 2, { $0.joinFailuresAllowed = 3 }) { _, servers in
            let (host, _) = try await makeClient(servers[0])
            let room = try await host.createRoom(name: "Host", password: "right")
            let (a, _) = try await makeClient(servers[0])
            let (b, _) = try await makeClient(servers[1])
            // Two failures on one instance, one on the other: the shared count reaches the limit.
            for _ in 0..<2 {
                await #expect(throws: SignalingSessionError.self) {
                    try await a.join(code: "ZZZZZZ", name: "A")
                }
            }
            await #expect(throws: SignalingSessionError.self) {
                try await b.join(code: room.roomCode.value, name: "B", password: "wrong")
            }
            do {
                _ = try await b.join(code: room.roomCode.value, name: "B", password: "right")
                Issue.record("a correct join went through after three failures")
            } catch SignalingSessionError.server(let error) {
                #expect(error.code == .rateLimited)
            }
            for client in [host, a, b] { await client.close() }
        } as Void
    }
}
