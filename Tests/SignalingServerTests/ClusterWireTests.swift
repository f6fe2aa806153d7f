import Foundation
import RTCTestSupport
@testable import SignalingProtocol
@testable import SignalingServer
import Testing

/// What travels between instances and into the tables, without a database: URL parsing, the
/// NOTIFY payload and envelope codecs (bad input is a typed error), and the state machine's
/// reserved creates and adoptions.
@Suite struct ClusterWireTests {
    @Test func postgresURLs() throws {
        let url = try PostgresURL("postgres://collab:s3cret@db.internal:6432/rooms?sslmode=require")
        #expect(url.host == "db.internal")
        #expect(url.port == 6432)
        #expect(url.user == "collab")
        #expect(url.password == "s3cret")
        #expect(url.database == "rooms")
        #expect(url.tls == .require)
        #expect(!url.redacted.contains("s3cret"))
        #expect(try PostgresURL("postgresql://u@h/d").port == 5432)
        for bad in ["mysql://u@h/d", "postgres://h/d", "postgres://u@h", "postgres://u@h/d?sslmode=maybe",
                    "postgres://u@h/d?timeout=1", "not a url", "postgres://u@:5432/d"] {
            #expect(throws: PostgresURLError.self, "\(bad)") { try PostgresURL(bad) }
        }
    }

    @Test(arguments: [
        ClusterEnvelope.input(
            connection: 7, message: .offer(to: UUID(), sdp: "v=0\r\nline \"quoted\"\n"),
            attach: RemoteAttachment(address: "203.0.113.9", requestHost: "jam.example.org", grant: AccessGrant(
                room: try! RoomCode("K7QX2M"), name: "Ana", mayCreate: true, mayHost: false, resumeOnly: false)),
            request: 3),
        .input(connection: 1, message: .join(roomID: UUID(), name: nil, password: nil, resumeToken: "tok"), attach: nil, request: nil),
        .output(connection: 9, message: .participantLeft(UUID(), reason: .tooSlow)),
        .output(connection: 9, message: .error(SignalingError(.roomFull, "full"))),
        .close(connection: 2, reason: .policyViolation("too many")),
        .close(connection: 2, reason: .replaced),
        .joinResult(connection: 4, request: 11, bound: true),
        .detach(connection: 5),
        .blob(id: 123_456),
    ])
    func envelopesRoundTrip(_ envelope: ClusterEnvelope) throws {
        let line = envelope.line()
        #expect(!line.contains("\n"))
        #expect(try ClusterEnvelope.parse(Substring(line)) == envelope)
    }

    /// The relayed kinds as they cross under load take the path without `JSONDecoder`, and read
    /// back what was sent.
    @Test(arguments: [
        ClusterEnvelope.input(connection: 7, message: .offer(to: UUID(), sdp: "v=0\r\nline \"quoted\" caf\u{E9}\n"), attach: nil, request: nil),
        .input(connection: 18_446_744_073_709_551_615, message: .answer(to: nil, sdp: "v=0"), attach: nil, request: 3),
        .input(connection: 1, message: .candidate(to: UUID(), candidate: ICECandidateInit(
            candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0)), attach: nil, request: nil),
        .output(connection: 9, message: .offer(from: UUID(), sdp: "v=0\r\n\u{1F3B8}")),
        .output(connection: 0, message: .answer(from: UUID(), sdp: "")),
        .output(connection: 9, message: .candidate(from: UUID(), candidate: ICECandidateInit(candidate: "c", sdpMid: nil, sdpMLineIndex: nil))),
    ])
    func relayedEnvelopesSkipTheFullDecoder(_ envelope: ClusterEnvelope) throws {
        let line = envelope.line()
        let fast = Array(line.utf8).withUnsafeBufferPointer { ClusterEnvelope.parseRelayed($0) }
        #expect(fast == envelope)
        if case .output(_, let message) = envelope {
            // The server message itself takes the scanner, not the decoder behind it.
            let text = Array(message.jsonText().utf8)
            #expect(text.withUnsafeBytes { RelayMessageScanner.scanServer($0) } == message)
        }
        #expect(try ClusterEnvelope.parse(Substring(line)) == envelope)
    }

    @Test func badRelayedEnvelopesAreTypedErrors() {
        let from = UUID().uuidString
        for bad in [#"{"k":"out","c":1,"m":{"type":"offer","from":"not-a-uuid","sdp":"x"}}"#,
                    #"{"k":"out","c":1,"m":{"type":"offer","from":"\#(from)"}}"#,
                    #"{"k":"in","c":1,"m":{"type":"offer","to":"nope","sdp":"x"}}"#,
                    #"{"k":"in","c":18446744073709551616,"m":{"type":"offer","sdp":"x"}}"#,
                    #"{"k":"in","c":1,"r":,"m":{"type":"offer","sdp":"x"}}"#,
                    #"{"k":"out","c":1,"m":{"type":"offer","from":"\#(from)","sdp":"x"}"#,
                    #"{"k":"out","c":1,"m":}"#] {
            #expect(throws: ClusterEnvelopeError.self, "\(bad)") { try ClusterEnvelope.parse(Substring(bad)) }
        }
    }

    @Test func badEnvelopesAreTypedErrors() {
        for bad in ["", "{", "[]", #"{"k":"nope"}"#, #"{"k":"in","c":1}"#, #"{"k":"in","c":1,"m":"{\"type\":\"bogus\"}"}"#,
                    #"{"k":"out","m":"{\"type\":\"pong\"}"}"#, #"{"k":"close","c":1,"why":"whatever"}"#,
                    #"{"k":"result","c":1}"#, #"{"k":"blob"}"#, #"{"k":"detach","c":-1}"#] {
            #expect(throws: ClusterEnvelopeError.self, "\(bad)") { try ClusterEnvelope.parse(Substring(bad)) }
        }
    }

    @Test func batches() throws {
        let sender = UUID()
        let payload = ClusterBatch.header(sender: sender, sequence: 42) + "\n" + "a\nb"
        let batch = try ClusterBatch.parse(payload)
        #expect(batch.sender == sender)
        #expect(batch.sequence == 42)
        #expect(batch.lines == ["a", "b"])
        #expect(batch.stamp == nil)
        // Benchmarks' stamp (COLLAB_CLUSTER_STAMPS=1): a third field, the sender's clock.
        let stamped = try ClusterBatch.parse(ClusterBatch.header(sender: sender, sequence: 43, stamp: 123_456_789) + "\na")
        #expect(stamped.sequence == 43)
        #expect(stamped.stamp == 123_456_789)
        #expect(stamped.lines == ["a"])
        for bad in ["", "\n", "nonsense 1\nx", "\(sender.uuidString)\nx", "\(sender.uuidString) -1\nx",
                    "\(sender.uuidString) 1 -5\nx", "\(sender.uuidString) 1 2 3\nx"] {
            #expect(throws: ClusterEnvelopeError.self, "\(bad)") { try ClusterBatch.parse(bad) }
        }
    }

    /// Lines are cut at the newline byte only: empty lines are skipped, and text beyond ASCII
    /// (a name in a grant, an SDP) stays whole, as the split by byte before it kept it.
    @Test func batchLinesAreCutAtTheNewlineByte() throws {
        let sender = UUID()
        let payload = ClusterBatch.header(sender: sender, sequence: 7) + "\n\ncaf\u{E9} \u{1F3B8}\n\n\r\u{0301}x\n"
        let batch = try ClusterBatch.parse(payload)
        #expect(batch.lines == ["caf\u{E9} \u{1F3B8}", "\r\u{0301}x"])
        #expect(batch.lines.map { Array($0.utf8) } == [Array("caf\u{E9} \u{1F3B8}".utf8), Array("\r\u{0301}x".utf8)])
    }

    /// The channel name written by hand is the one the formula before it gave.
    @Test func channelNames() {
        for _ in 0..<20 {
            let id = UUID()
            #expect(ClusterStore.channel(of: id) == "collab_" + id.uuidString.replacingOccurrences(of: "-", with: "").lowercased())
        }
    }

    /// Only the first envelope after a take wakes the sender; it still finds every one queued,
    /// and a wake-up comes for the next envelope after each take.
    @Test func theSenderIsWokenOncePerTakeAndMissesNothing() async throws {
        let outbox = ClusterOutbox(limit: 100)
        let target = UUID()
        for round in 0..<3 {
            for index in 0..<(round + 1) {
                #expect(outbox.put(.detach(connection: UInt64(round * 10 + index)), to: target))
            }
            let taken = try #require(await outbox.takeAll())
            #expect(taken.map(\.envelope) == (0...round).map { .detach(connection: UInt64(round * 10 + $0)) })
        }
        outbox.finish()
        #expect(await outbox.takeAll() == nil)
    }

    @Test func passwordDigestsSurviveTheDatabase() throws {
        var random = SeededRandom(seed: 7)
        let digest = PasswordDigest(password: "open sesame", using: &random)
        let stored = try #require(PasswordDigest(stored: digest.stored))
        #expect(stored.matches("open sesame"))
        #expect(!stored.matches("open sesame!"))
        #expect(PasswordDigest(stored: "zz:00") == nil)
        #expect(PasswordDigest(stored: digest.stored + "00") == nil)
    }

    @Test func reservedCreateAndAdoption() throws {
        var configuration = SignalingServerConfiguration()
        configuration.resumeGrace = .seconds(15)
        var state = SignalingState(configuration: configuration) { _, _ in [] }
        var random = SeededRandom(seed: 1)
        let now = ContinuousClock.now
        let host = ConnectionID(raw: 1)
        state.connected(host, address: "198.51.100.1")
        let code = try RoomCode("ABCDEF")
        let roomID = UUID()
        let created = state.createReservedRoom((roomID, code), name: "Ana", password: "pw", from: host, now: now, random: &random)
        let token = try #require(created.lazy.compactMap { if case .send(_, .roomCreated(let body)) = $0 { body.resumeToken } else { nil } }.first)
        let createdRoom = try #require(state.rooms[roomID])
        #expect(createdRoom.members[0].resumeDigest.matches(token))
        #expect(createdRoom.code == code)

        // Ben joins and the host removes him: his ban must survive the adoption.
        let guest = ConnectionID(raw: 2)
        state.connected(guest, address: "203.0.113.7")
        let joined = state.receive(.joinCode(roomCode: code.value, name: "Ben", password: "pw"), from: guest, now: now, random: &random)
        let benID = try #require(joined.lazy.compactMap { if case .send(guest, .joined(let body)) = $0 { body.participantID } else { nil } }.first)
        _ = state.receive(.remove(participantID: benID), from: host, now: now, random: &random)
        let room = try #require(state.rooms[roomID])
        #expect(room.members.count == 1 && !room.bans.isEmpty)

        // Another instance adopts the room from its record (through the database's text for the
        // bans, a minute later on both clocks): every member away, the host kept, the ban running.
        let wallNow = Date()
        let written = RoomRecord(room, now: now, wallNow: wallNow)
        let record = RoomRecord(
            id: written.id, code: written.code, creatorAddress: written.creatorAddress, hostID: written.hostID,
            password: written.password, members: written.members, bans: RoomRecord.bans(stored: written.storedBans))
        var other = SignalingState(configuration: configuration) { _, _ in [] }
        let later = now + .seconds(60)
        let actions = other.adopt(record, now: later, wallNow: wallNow.addingTimeInterval(60))
        #expect(actions == [.expireGrace(roomID: roomID, participantID: room.hostID, at: later + .seconds(15))])
        let adopted = try #require(other.rooms[roomID])
        #expect(adopted.hostID == room.hostID)
        #expect(adopted.members.allSatisfy { $0.connection == nil })
        #expect(adopted.bans("address:203.0.113.7", now: later))
        let original = try #require(room.bans["address:203.0.113.7"]), carried = try #require(adopted.bans["address:203.0.113.7"])
        #expect(abs((carried - original) / .milliseconds(1)) < 5, "the ban ends when it did on the home instance")
        #expect(other.adopt(record, now: later, wallNow: wallNow).isEmpty)

        // Its member resumes there with the token it had.
        let back = ConnectionID(raw: 9)
        other.connected(back, address: "198.51.100.1")
        let resumed = other.receive(
            .join(roomID: roomID, name: nil, password: nil, resumeToken: token), from: back, now: now,
            random: &random)
        #expect(resumed.contains { if case .send(back, .joined(let body)) = $0 { body.participantID == room.hostID } else { false } })
    }
}

/// Resume tokens are kept as digests: the stored form round-trips, only the right token matches,
/// and malformed stored text is refused.
@Suite struct ResumeDigestTests {
    @Test func storedDigestsRoundTripAndMatchOnlyTheirToken() {
        let digest = ResumeDigest(token: "q1w2e3r4t5y6u7i8o9p0")
        #expect(digest.stored.count == 64)
        #expect(!digest.stored.contains("q1w2e3"))
        #expect(ResumeDigest(stored: digest.stored) == digest)
        #expect(digest.matches("q1w2e3r4t5y6u7i8o9p0"))
        #expect(!digest.matches("q1w2e3r4t5y6u7i8o9p1"))
        #expect(!digest.matches(""))
    }

    @Test(arguments: ["", "zz", String(repeating: "a", count: 63), String(repeating: "g", count: 64), String(repeating: "ab", count: 33)])
    func malformedStoredDigestsAreRefused(_ stored: String) {
        #expect(ResumeDigest(stored: stored) == nil)
    }
}
