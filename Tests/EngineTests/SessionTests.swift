import Collaboration
import Foundation
import RTCTestSupport
import SignalingProtocol
import Testing

/// Host migration, signaling resume, room secrets, roles and lost peers.
@Suite("Engine sessions over loopback", .timeLimit(.minutes(2)))
struct SessionTests {
    /// Starts `names.count` engines in one room (the first hosts) and waits for the full mesh.
    static func room(_ server: TestServer, _ names: [String], secret: String? = nil) async throws -> ([EngineProbe], [UUID]) {
        let probes = names.map { EngineProbe.make(server, name: $0, secret: secret) }
        let session = try await probes[0].engine.createSession()
        for probe in probes.dropFirst() { _ = try await probe.engine.join(code: session.roomCode) }
        let ids = probes.compactMap { $0.engine.session?.localParticipantID }
        try await EngineProbe.waitMesh(probes)
        return (probes, ids)
    }

    @Test("The host leaves: the longest-present guest becomes host and can mute; the lost host's notes are released")
    func hostLeaves() async throws {
        try await TestServer.with { server in
            let (probes, ids) = try await Self.room(server, ["Ana", "Ben", "Caro"])
            let (ana, ben, caro) = (probes[0], probes[1], probes[2])
            try ana.engine.send(midi: [.noteOn(channel: 1, note: 64, velocity: 90, timestamp: 0)])
            try await caro.wait("Ana's note") { $0.midi(from: ids[0]).count == 1 }
            await ana.engine.leave()
            for probe in [ben, caro] {
                try await probe.wait("host change and Ana gone") { events in
                    events.contains { if case .hostChanged(ids[1]) = $0 { true } else { false } }
                        && events.contains { if case .participantLeft(ids[0], .left) = $0 { true } else { false } }
                }
                #expect(probe.engine.hostID == ids[1])
            }
            let released = caro.events.midi(from: ids[0])
            #expect(released.count == 2)
            #expect(released.last.map { $0.status == 0x81 && $0.data1 == 64 || ($0.status == 0x91 && $0.data2 == 0) } == true)
            #expect(ben.engine.participants.first?.role == .host)
            #expect(throws: EngineError.notAllowed("only the host mutes")) { try caro.engine.mute(ids[1]) }
            try ben.engine.mute(ids[2])
            try await caro.wait("muted by Ben") { events in
                events.contains { if case .control(ids[1], .mute(ids[2], true)) = $0 { true } else { false } }
            }
            #expect(throws: EngineError.muted) { try caro.engine.send(midi: [.noteOn(channel: 0, note: 1, velocity: 1, timestamp: 0)]) }
            try caro.engine.send(chat: "muted but talking")
            try await ben.wait("chat from muted Caro") { $0.chats(from: ids[2]) == ["muted but talking"] }
            for probe in probes { await probe.close() }
        }
    }

    @Test("A guest's signaling socket is cut: it resumes, links stay up, a newcomer still connects to it")
    func signalingResume() async throws {
        try await TestServer.with { server in
            let (probes, ids) = try await Self.room(server, ["Ana", "Ben"])
            let (ana, ben) = (probes[0], probes[1])
            await ben.engine.reconnectSignaling()
            try await ben.wait("reconnecting then connected") { events in
                let states = events.compactMap { if case .connectionState(let state) = $0 { state } else { nil } }
                guard let cut = states.firstIndex(of: .reconnecting) else { return false }
                return states[(cut + 1)...].contains(.connected)
            }
            try ben.engine.send(chat: "still here")
            try await ana.wait("chat after resume") { $0.chats(from: ids[1]) == ["still here"] }
            let caro = EngineProbe.make(server, name: "Caro")
            _ = try await caro.engine.join(roomID: try #require(ana.engine.session?.roomID))
            let caroID = try #require(caro.engine.session?.localParticipantID)
            try await caro.waitConnected(to: ids)
            try await ben.waitConnected(to: [ids[0], caroID])
            for probe in probes + [caro] { await probe.close() }
        }
    }

    @Test("A wrong or missing room secret is refused on both sides and told; the right one connects")
    func wrongSecret() async throws {
        try await TestServer.with { server in
            let ana = EngineProbe.make(server, name: "Ana", secret: "blue whale")
            let mallory = EngineProbe.make(server, name: "Mallory", secret: "red herring")
            let nobody = EngineProbe.make(server, name: "Nobody")
            let ben = EngineProbe.make(server, name: "Ben", secret: "blue whale")
            let session = try await ana.engine.createSession()
            _ = try await mallory.engine.join(code: session.roomCode)
            _ = try await nobody.engine.join(code: session.roomCode)
            _ = try await ben.engine.join(code: session.roomCode)
            let anaID = session.localParticipantID
            let benID = try #require(ben.engine.session?.localParticipantID)
            try await ben.waitConnected(to: [anaID])
            try await ana.waitConnected(to: [benID])
            for probe in [mallory, nobody] {
                try await probe.wait("told the secret is wrong") { $0.sawWrongSecret }
                try await probe.waitState("Ana refused") { engine in
                    engine.participants.first { $0.id == anaID }?.state == .refused
                }
            }
            try await ana.wait("two refusals") { events in
                events.filter { if case .error(.wrongRoomSecret) = $0 { true } else { false } }.count == 2
            }
            #expect(ana.engine.participants.filter { $0.state == .refused }.map(\.name).sorted() == ["Mallory", "Nobody"])
            let engine = ana.engine
            try await whileResending({ try engine.send(bio: BioSample(heartRate: 70, rmssd: 50, coherence: 0.7, breathingRate: 6)) }) {
                try await ben.wait("sealed bio opened") { !$0.bio(from: anaID).isEmpty }
            }
            #expect(mallory.events.bio(from: anaID).isEmpty)
            for probe in [ana, mallory, nobody, ben] { await probe.close() }
        }
    }

    @Test("Malformed payloads on every channel are counted and dropped; the link keeps working")
    func malformed() async throws {
        try await TestServer.with { server in
            let (probes, ids) = try await Self.room(server, ["Ana", "Ben"])
            let (ana, ben) = (probes[0], probes[1])
            let garbage: [[UInt8]] = [[], [0x02], [0x01, 0xFF], [0x01, 0x02, 0x03], Array(repeating: 0xFF, count: 300)]
            for channel in EngineChannel.allCases {
                for bytes in garbage { try ana.engine.sendRaw(bytes, on: channel, to: ids[1]) }
            }
            try ana.engine.send(chat: "after the garbage")
            try await ben.wait("chat after garbage") { $0.chats(from: ids[0]).last == "after the garbage" }
            // Unreliable channels may lose some garbage; the reliable ones deliver all of it.
            try await ben.waitState("malformed counted") { engine in
                guard let stats = engine.statistics().first(where: { $0.participant == ids[0] }) else { return false }
                return stats[.control].malformed == garbage.count && stats[.chat].malformed == garbage.count - 1
                    && stats[.midi].malformed == garbage.count
            }
            let stats = try #require(ben.engine.statistics().first)
            #expect(stats[.chat].received == 2)  // `[0x01, 0x02, 0x03]` is valid (odd) chat text; the others are not
            #expect(stats[.bio].received == 0 && stats[.audio].received == 0)
            #expect(ben.engine.participants.last?.state == .connected)
            for probe in probes { await probe.close() }
        }
    }

    @Test("A spectator sends only chat; its raw MIDI is refused by the others")
    func spectator() async throws {
        try await TestServer.with { server in
            let (probes, ids) = try await Self.room(server, ["Ana", "Ben"])
            let (ana, ben) = (probes[0], probes[1])
            try ana.engine.setRole(.spectator, for: ids[1])
            try await ben.wait("became spectator") { events in
                events.contains { if case .control(ids[0], .role(ids[1], .spectator)) = $0 { true } else { false } }
            }
            #expect(throws: EngineError.notAllowed("spectators send only chat")) {
                try ben.engine.send(bio: BioSample(heartRate: 60, rmssd: 40, coherence: 0.4, breathingRate: 6))
            }
            let batch: [UInt8] = [1, 0, 0, 0, 9, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x90, 60, 100]
            try ben.engine.sendRaw(batch, on: .midi, to: ids[0])
            try ben.engine.send(chat: "just watching")
            try await ana.wait("spectator chat") { $0.chats(from: ids[1]) == ["just watching"] }
            #expect(ana.events.midi(from: ids[1]).isEmpty)
            #expect(ana.engine.statistics().first?[.midi].refused == 1)
            for probe in probes { await probe.close() }
        }
    }
}
