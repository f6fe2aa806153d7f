import Foundation
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing

@Suite(.timeLimit(.minutes(1))) struct RelayTests {
    @Test func targetedRelayReachesOnlyTheNamedParticipant() async throws {
        try await TestServer.with { server in
            let (ana, anaEvents) = try await makeClient(server)
            let room = try await ana.createRoom(name: "Ana")
            let (ben, benEvents) = try await makeClient(server)
            let benID = try await ben.join(code: room.roomCode.value, name: "Ben").participantID
            let (caro, caroEvents) = try await makeClient(server)
            let caroID = try await caro.join(code: room.roomCode.value, name: "Caro").participantID
            let anaID = room.participantID

            try await ana.sendOffer(to: benID, sdp: "offer-for-ben")
            try await ana.sendOffer(to: caroID, sdp: "offer-for-caro")
            try await ben.sendAnswer(to: anaID, sdp: "answer-from-ben")
            let candidate = ICECandidateInit(candidate: "candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0)
            try await caro.sendCandidate(to: anaID, candidate: candidate)
            try await caro.sendCandidate(to: benID, candidate: candidate)

            try await benEvents.waitMessage("ben's offer") { $0 == .offer(from: anaID, sdp: "offer-for-ben") }
            try await benEvents.waitMessage("candidate for ben") { $0 == .candidate(from: caroID, candidate: candidate) }
            try await caroEvents.waitMessage("caro's offer") { $0 == .offer(from: anaID, sdp: "offer-for-caro") }
            try await anaEvents.waitMessage("ben's answer") { $0 == .answer(from: benID, sdp: "answer-from-ben") }
            try await anaEvents.waitMessage("candidate for ana") { $0 == .candidate(from: caroID, candidate: candidate) }

            // Each connection's queue is FIFO and the server handled Ana's offer to Ben before her
            // offer to Caro, so a stray copy would already be in Caro's record. Same for the others.
            let relayed: @Sendable (ServerMessage) -> Bool = { message in
                switch message {
                case .offer, .answer, .candidate: true
                default: false
                }
            }
            // Ana's offer and Caro's candidate come from different sockets: any order is fine.
            let benGot = await benEvents.messages.filter(relayed)
            #expect(benGot.count == 2)
            #expect(benGot.contains(.offer(from: anaID, sdp: "offer-for-ben")))
            #expect(benGot.contains(.candidate(from: caroID, candidate: candidate)))
            #expect(await caroEvents.messages.filter(relayed) == [.offer(from: anaID, sdp: "offer-for-caro")])
            #expect(await anaEvents.messages.filter(relayed).count == 2)
            for client in [ana, ben, caro] { await client.close() }
        } as Void
    }

    @Test func fromCannotBeSpoofed() async throws {
        try await TestServer.with { server in
            let (ana, _) = try await makeClient(server)
            let room = try await ana.createRoom(name: "Ana")
            let (ben, benEvents) = try await makeClient(server)
            let benID = try await ben.join(code: room.roomCode.value, name: "Ben").participantID
            let forged = UUID()
            try await ana.sendRaw(#"{"type":"offer","to":"\#(benID.uuidString)","from":"\#(forged.uuidString)","sdp":"x"}"#)
            let offer = try await benEvents.waitMessage("offer") { if case .offer = $0 { true } else { false } }
            #expect(offer == .offer(from: room.participantID, sdp: "x"))
            await ana.close()
            await ben.close()
        } as Void
    }

    @Test func unknownTargetAndNotInRoom() async throws {
        try await TestServer.with { server in
            let (ana, anaEvents) = try await makeClient(server)
            try await ana.sendOffer(to: UUID(), sdp: "x")
            try await anaEvents.waitMessage("not-in-room", isError(.notInRoom))
            let room = try await ana.createRoom(name: "Ana")
            try await ana.sendOffer(to: UUID(), sdp: "x")
            try await anaEvents.waitMessage("unknown-target", isError(.unknownTarget))
            try await ana.sendOffer(to: room.participantID, sdp: "to myself")
            try await anaEvents.waitMessages("unknown-target for self", count: 2, isError(.unknownTarget))

            // A participant of another room is unknown here too.
            let (other, _) = try await makeClient(server)
            let otherID = try await other.createRoom(name: "Zed").participantID
            try await ana.sendOffer(to: otherID, sdp: "x")
            try await anaEvents.waitMessages("unknown-target across rooms", count: 3, isError(.unknownTarget))
            #expect(try await ana.ping() > .zero)
            await ana.close()
            await other.close()
        } as Void
    }

    @Test func sixtyKiBOfferPasses() async throws {
        try await TestServer.with { server in
            let (ana, _) = try await makeClient(server)
            let room = try await ana.createRoom(name: "Ana")
            let (ben, benEvents) = try await makeClient(server)
            let benID = try await ben.join(code: room.roomCode.value, name: "Ben").participantID
            // Candidate-sized lines (about 70 bytes): JSON escaping of CRLF adds about 3 %.
            let line = "a=candidate:1 1 udp 2130706431 192.0.2.1 50000 typ host generation 0\r\n"
            let sdp = String(repeating: line, count: 60 * 1024 / line.utf8.count)
            #expect(sdp.utf8.count > 59 * 1024)
            try await ana.sendOffer(to: benID, sdp: sdp)
            let offer = try await benEvents.waitMessage("big offer") { if case .offer = $0 { true } else { false } }
            #expect(offer == .offer(from: room.participantID, sdp: sdp))
            await ana.close()
            await ben.close()
        } as Void
    }

    /// Relays between two members are taken on the sender's event loop, room-wide ones by the
    /// hub: sent back to back, they still reach the target in the order they were sent.
    @Test func relaysKeepTheirOrderWhetherTheHubOrTheFastPathTakesThem() async throws {
        try await TestServer.with { server in
            let (ana, _) = try await makeClient(server)
            let room = try await ana.createRoom(name: "Ana")
            let (ben, benEvents) = try await makeClient(server)
            let benID = try await ben.join(code: room.roomCode.value, name: "Ben").participantID
            let count = 30
            for index in 0..<count {
                // Every third offer is room-wide (the hub's); the others name Ben (the fast path's).
                let to = index % 3 == 0 ? "" : #","to":"\#(benID.uuidString)""#
                try await ana.sendRaw(#"{"type":"offer"\#(to),"sdp":"n\#(index)"}"#)
            }
            let offers = try await benEvents.waitMessages("all offers", count: count) { if case .offer = $0 { true } else { false } }
            #expect(offers == (0..<count).map { .offer(from: room.participantID, sdp: "n\($0)") })
            await ana.close()
            await ben.close()
        } as Void
    }
}
