import Foundation
import SignalingClient
import SignalingProtocol
import SignalingServer
import Testing

@Suite(.timeLimit(.minutes(1))) struct BadInputTests {
    @Test func badFramesGetTheRightCodeAndTheConnectionKeepsWorking() async throws {
        try await TestServer.with { server in
            let (client, events) = try await makeClient(server)
            let cases: [(String, SignalingErrorCode)] = [
                ("{not json", .badMessage),
                (#"{"type":"teleport"}"#, .unknownType),
                (#"{"type":"join-code","name":"Ben"}"#, .badMessage),
                (#"{"type":"offer","to":42,"sdp":"x"}"#, .badMessage),
                (#"{"type":"ping","v":7}"#, .unsupportedVersion),
                (#"{"type":"create-room","name":""}"#, .badMessage),
                (#"{"type":"create-room","name":"\#(String(repeating: "n", count: 65))"}"#, .badMessage),
                (String(repeating: " ", count: 70 * 1024) + "{}", .tooLarge),
            ]
            for (index, (text, code)) in cases.enumerated() {
                try await client.sendRaw(text)
                try await events.until("reply #\(index) \(code)") { EventRecorder.messages(in: $0).count > index }
                let reply = await events.messages[index]
                guard case .error(let error) = reply else {
                    Issue.record("expected an error for \(text.prefix(40)), got \(reply)")
                    continue
                }
                #expect(error.code == code, "\(text.prefix(40))")
            }
            let room = try await client.createRoom(name: "Still Here")
            #expect(room.roomCode.value.count == 6)
            #expect(try await client.ping() > .zero)
            await client.close()
        } as Void
    }

    @Test func unsupportedVersionOnTheURL() async throws {
        try await TestServer.with { server in
            var configuration = SignalingSessionConfiguration(url: server.url + "?v=2")
            configuration.reconnect = false
            let client = SignalingSession(configuration: configuration, logger: TestServer.logger)
            let events = EventRecorder(client.events)
            try await client.connect()
            try await client.sendRaw(ClientMessage.ping.jsonText())
            try await events.waitMessage("unsupported-version", isError(.unsupportedVersion))
            try await events.waitEvent("closed by the server") { $0 == .state(.disconnected) }
            await client.close()
        } as Void
    }

    @Test func persistentAbuseIsClosedWithPolicyViolation() async throws {
        try await TestServer.with({ $0.errorBurst = 5; $0.errorsPerSecond = 0.1 }) { server in
            let (client, events) = try await makeClient(server, reconnect: false)
            for _ in 0..<20 { try? await client.sendRaw("garbage") }
            try await events.waitEvent("closed with 1008 after abuse") { event in
                if case .serverClosed(code: 1008, _) = event { true } else { false }
            }
            let errors = await events.messages.filter(isError(.badMessage))
            #expect(errors.count >= 5)
            #expect(errors.count <= 7)
            await client.close()
        } as Void
    }

    @Test func floodingIsRateLimited() async throws {
        try await TestServer.with({ $0.messageBurst = 10; $0.messagesPerSecond = 1; $0.errorBurst = 100 }) { server in
            let (client, events) = try await makeClient(server)
            for _ in 0..<15 { try await client.sendRaw(ClientMessage.ping.jsonText()) }
            try await events.waitMessages("rate-limited", count: 5, isError(.rateLimited))
            #expect(await events.messages.filter(isError(.rateLimited)).count == 5)
            await client.close()
        } as Void
    }
}
