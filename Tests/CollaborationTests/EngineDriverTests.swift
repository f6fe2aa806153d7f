import Foundation
import Testing

@testable import Collaboration

/// The driver around the core, with the in-memory transport: what needs no peer.
@Suite("Engine driver", .timeLimit(.minutes(1)))
struct EngineDriverTests {
    @Test("Entering with no server fails with a typed error, leaves the engine disconnected, and makes no link")
    func enterFails() async throws {
        let transport = FakePeerTransport()
        var configuration = EngineConfiguration(signalingURL: "ws://127.0.0.1:1/ws", displayName: "Ana")
        configuration.transport = transport
        let engine = CollaborationEngine(configuration: configuration)
        await #expect(throws: EngineError.self) { _ = try await engine.createSession() }
        #expect(engine.connectionState == .disconnected)
        #expect(engine.session == nil && engine.participants.isEmpty)
        #expect(throws: EngineError.notInSession) { try engine.send(chat: "hi") }
        #expect(throws: EngineError.transport(.noLink(UUID(uuidString: "00000000-0000-0000-0000-000000000001") ?? UUID()))) {
            try engine.sendRaw([1], on: .chat, to: UUID(uuidString: "00000000-0000-0000-0000-000000000001") ?? UUID())
        }
        await engine.close()
        await #expect(throws: EngineError.closed) { _ = try await engine.createSession() }
        #expect(transport.links.isEmpty)
    }
}
