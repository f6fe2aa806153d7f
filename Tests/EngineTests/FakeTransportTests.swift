import Foundation
import RTCTestSupport
import SignalingProtocol
import Synchronization
import Testing

@testable import Collaboration

/// The real driver and signaling server with the in-memory transport: the engine's own rules,
/// with no UDP socket anywhere.
@Suite("Engine over the in-memory transport", .timeLimit(.minutes(1)))
struct FakeTransportTests {
    @Test("Connect, chat both ways; a path that dies silently and then fails is restarted and loses nothing")
    func restartLosesNothing() async throws {
        try await TestServer.with { server in
            let network = FakeLinkNetwork()
            let (probes, ids) = try await EngineProbe.connectedPair(server) { $0.transport = FakePeerTransport(network: network) }
            let offerer = ids[0].uuidString < ids[1].uuidString ? 0 : 1
            let answerer = 1 - offerer
            try probes[answerer].engine.send(chat: "before")
            try await probes[offerer].wait("chat before") { $0.chats(from: ids[answerer]) == ["before"] }

            // The path dies silently under both ends, the answerer keeps sending, then both links fail.
            var dead: [FakePeerLink] = []
            for (index, probe) in probes.enumerated() {
                dead.append(try #require(probe.engine.core.withLock { $0.link(to: ids[1 - index])?.link } as? FakePeerLink))
            }
            for link in dead { network.cut(link) }
            for line in ["during 1", "during 2"] { try probes[answerer].engine.send(chat: line) }
            for link in dead { link.report(.state(.failed)) }
            try await probes[offerer].wait("chat resent after the restart") { $0.chats(from: ids[answerer]).count == 3 }
            try probes[answerer].engine.send(chat: "after")
            try await probes[offerer].wait("chat after") { $0.chats(from: ids[answerer]).last == "after" }
            #expect(probes[offerer].events.chats(from: ids[answerer]) == ["before", "during 1", "during 2", "after"])
            try probes[offerer].engine.send(chat: "back")
            try await probes[answerer].wait("chat the other way") { $0.chats(from: ids[offerer]) == ["back"] }
            // The offerer restarts, or the answerer offers in its place first (both links failed
            // at once); either counts.
            #expect(probes.reduce(0) { $0 + ($1.engine.statistics().first?.restarts ?? 0) } >= 1)
            for probe in probes { await probe.close() }
        }
    }
}
