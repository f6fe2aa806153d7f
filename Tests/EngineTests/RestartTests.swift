import Collaboration
import Foundation
import RTCTestSupport
import SignalingProtocol
import Testing

/// A peer link dies under the engines; the offerer renegotiates and reliable traffic resumes.
@Suite("Engine link restart over loopback", .timeLimit(.minutes(2)))
struct RestartTests {
    @Test("A cut link is restarted by its offerer (either side cut); chat sent meanwhile arrives once, in order",
          arguments: [true, false])
    func restart(offererCuts: Bool) async throws {
        try await TestServer.with { server in
            let probes = ["Ana", "Ben"].map { name in
                EngineProbe.make(server, name: name) { $0.timing.restartAfter = .seconds(1) }
            }
            let session = try await probes[0].engine.createSession()
            _ = try await probes[1].engine.join(code: session.roomCode)
            let ids = probes.compactMap { $0.engine.session?.localParticipantID }
            try await probes[0].waitConnected(to: [ids[1]])
            try await probes[1].waitConnected(to: [ids[0]])
            // The smaller ID offers; pick who cuts.
            let offerer = ids[0].uuidString < ids[1].uuidString ? 0 : 1
            let cutter = offererCuts ? offerer : 1 - offerer
            let other = 1 - cutter
            try probes[cutter].engine.send(chat: "before")
            try await probes[other].wait("chat before the cut") { $0.chats(from: ids[cutter]) == ["before"] }

            await probes[cutter].engine.cutLink(to: ids[other])
            try probes[cutter].engine.send(chat: "during 1")
            try probes[cutter].engine.send(chat: "during 2")
            for (index, probe) in probes.enumerated() {
                let peer = ids[1 - index]
                try await probe.waitState("link restarted") { engine in
                    engine.statistics().first { $0.participant == peer }.map { _ in true } == true
                        && engine.participants.first { $0.id == peer }?.state == .connected
                        && (engine === probes[offerer].engine ? engine.statistics().first!.restarts >= 1 : true)
                }
            }
            try probes[cutter].engine.send(chat: "after")
            try await probes[other].wait("chat after the restart") { $0.chats(from: ids[cutter]).last == "after" }
            #expect(probes[other].events.chats(from: ids[cutter]) == ["before", "during 1", "during 2", "after"])
            try probes[other].engine.send(chat: "back")
            try await probes[cutter].wait("chat the other way") { $0.chats(from: ids[other]) == ["back"] }
            for probe in probes { await probe.close() }
        }
    }
}
