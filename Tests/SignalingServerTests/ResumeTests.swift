import Foundation
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing
import RTCBase

@Suite(.timeLimit(.minutes(1))) struct ResumeTests {
    @Test func resumeAfterTheSocketIsCutKeepsIDAndOthersSeeNoLeave() async throws {
        try await TestServer.with { server in
            let (host, hostEvents) = try await makeClient(server)
            let room = try await host.createRoom(name: "Ana")
            let (guest, guestEvents) = try await makeClient(server)
            let before = try await guest.join(code: room.roomCode.value, name: "Ben")

            await guest.reconnect()
            // Queued while the socket is down, sent after the resume.
            try await guest.sendOffer(to: room.participantID, sdp: "queued-offer")

            let resumed = try await guestEvents.waitEvent("resumed") { if case .resumed = $0 { true } else { false } }
            guard case .resumed(let after) = resumed else { return }
            #expect(after.participantID == before.participantID)
            #expect(after.roomID == before.roomID)
            try await hostEvents.waitMessage("queued offer") { $0 == .offer(from: before.participantID, sdp: "queued-offer") }
            // After the resume the host reaches the guest on its new socket.
            try await host.sendOffer(to: before.participantID, sdp: "after-resume")
            try await guestEvents.waitMessage("offer after resume") { $0 == .offer(from: room.participantID, sdp: "after-resume") }
            // A message relayed after the resume went through the same queue as any leave notice.
            #expect(await hostEvents.messages.contains { if case .participantLeft = $0 { true } else { false } } == false)
            await guest.close()
            try await hostEvents.waitMessage("leave after close") { $0 == .participantLeft(before.participantID) }
            await host.close()
        } as Void
    }

    @Test func graceExpiryRemovesTheParticipant() async throws {
        try await TestServer.with({ $0.resumeGrace = .milliseconds(300) }) { server in
            let (host, hostEvents) = try await makeClient(server)
            let room = try await host.createRoom(name: "Ana")
            let (guest, _) = try await makeClient(server, reconnect: false)
            let guestID = try await guest.join(code: room.roomCode.value, name: "Ben").participantID
            let dropped = ContinuousClock.now
            // Drop the socket without a leave (close() would leave politely); no reconnect follows.
            await guest.reconnect()
            try await hostEvents.waitMessage("left after grace") { $0 == .participantLeft(guestID) }
            #expect(ContinuousClock.now - dropped >= .milliseconds(290))
            await guest.close()
            await host.close()
        } as Void
    }

    @Test func reconnectAfterServerRestart() async throws {
        var configuration = SignalingServerConfigurationForTests.make()
        let first = try await TestServer.start(configuration)
        let server = TestServer(port: first.port)
        let (client, events) = try await makeClient(server)
        let room = try await client.createRoom(name: "Ana")
        await first.stop()
        try await events.waitEvent("reconnecting") { $0 == .state(.reconnecting) }

        // While the server is down, sends queue up to the limit; the next one fails loudly.
        let limit = SignalingSessionConfiguration(url: server.url).maxQueuedMessages
        for index in 0..<limit {
            try await client.sendCandidate(to: UUID(), candidate: ICECandidateInit(candidate: "queued \(index)"))
        }
        await #expect(throws: SignalingSessionError.queueFull(limit: limit)) {
            try await client.sendCandidate(to: UUID(), candidate: ICECandidateInit(candidate: "one too many"))
        }

        configuration.port = first.port
        let second = try await TestServer.start(configuration)
        let failed = try await events.waitEvent("resume refused by the new server") {
            if case .resumeFailed = $0 { true } else { false }
        }
        guard case .resumeFailed(let error, let discarded) = failed else { return }
        #expect(error.code == .roomNotFound)
        #expect(discarded == limit)
        #expect(await client.state == .connected)
        #expect(await client.membership == nil)
        let again = try await client.createRoom(name: "Ana")
        #expect(again.roomID != room.roomID)
        await client.close()
        await second.stop()
    }
}

enum SignalingServerConfigurationForTests {
    static func make() -> SignalingServerConfiguration {
        var configuration = SignalingServerConfiguration()
        configuration.port = 0
        return configuration
    }
}
