import Collaboration
import Foundation
import RTCTestSupport
import SignalingProtocol
import Testing

/// A peer link dies under the engines; it is renegotiated and reliable traffic resumes.
@Suite("Engine link restart over loopback", .timeLimit(.minutes(2)))
struct RestartTests {
    /// Ana hosts, Ben joins, both connected; restarts after 3 s of a link not up.
    static func connectedPair(_ server: TestServer) async throws -> (probes: [EngineProbe], ids: [UUID]) {
        try await EngineProbe.connectedPair(server) { $0.timing.linkStallTimeout = .seconds(3) }
    }

    @Test("A cut link is restarted, whichever side was cut; chat sent meanwhile arrives once, in order",
          arguments: [true, false])
    func restart(offererCuts: Bool) async throws {
        try await TestServer.with { server in
            let (probes, ids) = try await Self.connectedPair(server)
            // The smaller ID offers; pick who cuts.
            let offerer = ids[0].uuidString < ids[1].uuidString ? 0 : 1
            let cutter = offererCuts ? offerer : 1 - offerer
            let other = 1 - cutter
            try probes[cutter].engine.send(chat: "before")
            try await probes[other].wait("chat before the cut") { $0.chats(from: ids[cutter]) == ["before"] }

            await probes[cutter].engine.cutLink(to: ids[other])
            try probes[cutter].engine.send(chat: "during 1")
            try probes[cutter].engine.send(chat: "during 2")
            // The offerer restarts, or the cut answerer offers in its place; either counts.
            try await probes[cutter].waitState("link restarted") { engine in
                engine.participants.first { $0.id == ids[other] }?.state == .connected
                    && probes.reduce(0) { $0 + ($1.engine.statistics().first?.restarts ?? 0) } >= 1
            }
            try await probes[other].waitState("link up again") { engine in
                engine.participants.first { $0.id == ids[cutter] }?.state == .connected
            }
            try probes[cutter].engine.send(chat: "after")
            try await probes[other].wait("chat after the restart") { $0.chats(from: ids[cutter]).last == "after" }
            #expect(probes[other].events.chats(from: ids[cutter]) == ["before", "during 1", "during 2", "after"])
            try probes[other].engine.send(chat: "back")
            try await probes[cutter].wait("chat the other way") { $0.chats(from: ids[other]) == ["back"] }
            for probe in probes { await probe.close() }
        }
    }

    @Test("Reliable messages sent into a dead UDP path arrive after the restart, once each, in order")
    func inFlightSurvivesRestart() async throws {
        try await TestServer.with { server in
            let (probes, ids) = try await Self.connectedPair(server)
            try probes[0].engine.send(chat: "before")
            try await probes[1].wait("chat before the cut") { $0.chats(from: ids[0]) == ["before"] }

            // The path dies silently: these are accepted by SCTP on a link that will never deliver.
            await probes[0].engine.blackholeLink(to: ids[1])
            let during = (1...20).map { "during \($0)" }
            for line in during { try probes[0].engine.send(chat: line) }
            try await probes[0].waitState("the lost lines were handed to the dead link") { engine in
                (engine.statistics().first { $0.participant == ids[1] }?.channels[.chat]?.sent ?? 0) >= 21
            }
            await probes[0].engine.cutLink(to: ids[1])
            // Either side may be the link's offerer: an answerer whose link failed offers in its
            // place at once, so the restart does not wait for the offerer's own consent checks.
            try await probes[1].wait("chat resent after the restart", timeout: .seconds(30)) {
                $0.chats(from: ids[0]).last == "during 20"
            }
            try probes[0].engine.send(chat: "after")
            try await probes[1].wait("chat after the restart") { $0.chats(from: ids[0]).last == "after" }
            #expect(probes[1].events.chats(from: ids[0]) == ["before"] + during + ["after"])
            let sender = try #require(probes[0].engine.statistics().first { $0.participant == ids[1] })
            #expect((sender.channels[.chat]?.resent ?? 0) >= 20, "the unacknowledged lines went out again")
            #expect(sender.channels[.chat]?.dropped == 0)
            for probe in probes { await probe.close() }
        }
    }
}
