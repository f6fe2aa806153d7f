import Collaboration
import Foundation
import RTCBase
import RTCTestSupport
import SignalingProtocol
import Synchronization
import Testing

/// Engines through a real signaling server and real WebRTC links on loopback.
@Suite("Engine mesh over loopback", .timeLimit(.minutes(2)))
struct MeshTests {
    @Test("Three engines: everyone connects to everyone; RTT, offset and quality are measured")
    func threeConnect() async throws {
        try await TestServer.with { server in
            // Ben's clock runs 5 s ahead: Ana must measure an offset of about +5 s.
            let ana = EngineProbe.make(server, name: "Ana")
            let ben = EngineProbe.make(server, name: "Ben") { configuration in
                let base = configuration.clock
                configuration.clock = { base() + 5_000_000 }
            }
            let caro = EngineProbe.make(server, name: "Caro")
            let session = try await ana.engine.createSession()
            #expect(session.isHost)
            let joined = try await ben.engine.join(code: session.roomCode.lowercased())
            #expect(joined.roomID == session.roomID)
            _ = try await caro.engine.join(roomID: session.roomID)
            let ids = [ana, ben, caro].compactMap { $0.engine.session?.localParticipantID }
            try await EngineProbe.waitMesh([ana, ben, caro])
            let benID = ids[1]
            try await ana.waitState("clock offset to Ben") { engine in
                engine.participants.first { $0.id == benID }?.clockOffset != nil
            }
            let ben_ = try #require(ana.engine.participants.first { $0.id == benID })
            let offset = try #require(ben_.clockOffset)
            let rtt = try #require(ben_.rtt)
            // NTP's bound: the min-RTT sample's offset is off by at most half its RTT (≤ the median RTT).
            let error = offset - .seconds(5)
            let bound = rtt / 2 + .milliseconds(1)
            #expect(error <= bound && error >= .zero - bound, "offset \(offset), RTT \(rtt)")
            #expect(rtt < .seconds(1))
            #expect(ben_.quality != nil)
            #expect(ana.engine.hostID == ids[0])
            #expect(caro.engine.participants.map(\.name) == ["Caro", "Ana", "Ben"])
            // A wait that cannot be met says how every link stands, as a timeout in CI would.
            let stranger = UUID()
            let timedOut = await #expect(throws: TimeoutError.self) {
                try await ana.waitConnected(to: [stranger], timeout: .milliseconds(50))
            }
            #expect(timedOut?.what.contains("Ben connected") == true && timedOut?.what.contains("Caro connected") == true,
                    "\(timedOut?.what ?? "")")
            // ...and the engine's last log lines, where a restart would give its reason.
            #expect(timedOut?.what.contains("Ana's last log lines") == true && timedOut?.what.contains("link path") == true,
                    "\(timedOut?.what ?? "")")
            for probe in [ana, ben, caro] { await probe.close() }
        }
    }

    @Test("Four engines: chat, MIDI, bio and audio from each reach every other")
    func fourEveryChannel() async throws {
        try await TestServer.with { server in
            let probes = ["Ana", "Ben", "Caro", "Dev"].map { EngineProbe.make(server, name: $0, secret: "tuning fork") }
            let session = try await probes[0].engine.createSession()
            for probe in probes.dropFirst() { _ = try await probe.engine.join(code: session.roomCode) }
            let ids = probes.compactMap { $0.engine.session?.localParticipantID }
            try await EngineProbe.waitMesh(probes)
            for (index, probe) in probes.enumerated() {
                let now = probe.engine.now()
                try probe.engine.send(chat: "hello from \(probe.name)")
                try probe.engine.send(midi: [
                    .noteOn(channel: 0, note: UInt8(60 + index), velocity: 100, timestamp: now),
                    .noteOff(channel: 0, note: UInt8(60 + index), timestamp: now + 250_000),
                ])
            }
            // Bio and audio are unreliable: sent until every check below has seen them.
            let unreliable: @Sendable () throws -> Void = {
                for (index, probe) in probes.enumerated() {
                    try probe.engine.send(bio: BioSample(heartRate: 60 + Double(index), rmssd: 40, coherence: 0.5, breathingRate: 6, breathingPhase: 1))
                    let frame = try AudioFrame(sequence: 1, timestamp: 480, codec: .pcm16(channels: 2), payload: [UInt8](repeating: UInt8(index), count: 1920))
                    try probe.engine.send(audio: frame)
                }
            }
            try await whileResending(unreliable) { try await Self.everythingFromEveryone(probes, ids) }
            // Group bio counts whoever was heard within the last 5 s: fresh samples now, so that a
            // slow run of the checks above (24 s once, under a loaded parallel run) ages none out.
            let heard = ids.dropFirst().map { probes[0].events.bio(from: $0).count }
            try await whileResending({
                for (index, probe) in probes.enumerated() {
                    try probe.engine.send(bio: BioSample(heartRate: 60 + Double(index), rmssd: 40, coherence: 0.5, breathingRate: 6, breathingPhase: 1))
                }
            }) {
                try await probes[0].wait("a fresh bio sample from each other") { events in
                    zip(ids.dropFirst(), heard).allSatisfy { events.bio(from: $0).count > $1 }
                }
            }
            let group = probes[0].engine.groupBio
            #expect(group.participantCount == 4)
            #expect(group.meanHeartRate.map { abs($0 - 61.5) < 0.01 } == true)
            #expect(group.synchrony != nil)
            let stats = probes[0].engine.statistics()
            #expect(stats.count == 3)
            #expect(stats.allSatisfy { $0[.chat].received == 1 && $0[.midi].received >= 1 && $0[.chat].malformed == 0 })
            for probe in probes { await probe.close() }
        }
    }

    /// Each probe has chat, both MIDI events, bio and audio from each other, with the sender's values.
    private static func everythingFromEveryone(_ probes: [EngineProbe], _ ids: [UUID]) async throws {
        for (receiverIndex, receiver) in probes.enumerated() {
            for (senderIndex, sender) in probes.enumerated() where senderIndex != receiverIndex {
                let from = ids[senderIndex]
                let name = sender.name
                try await receiver.wait("everything from \(name)") { events in
                    events.chats(from: from) == ["hello from \(name)"]
                        && events.midi(from: from).count == 2
                        && !events.bio(from: from).isEmpty
                        && !events.audio(from: from).isEmpty
                }
                let events = receiver.events
                #expect(events.midi(from: from).map(\.data1) == [UInt8(60 + senderIndex), UInt8(60 + senderIndex)])
                #expect(events.bio(from: from).first?.heartRate == 60 + Double(senderIndex))
                #expect(events.audio(from: from).first?.payload.first == UInt8(senderIndex))
            }
        }
    }

    @Test("A media handler receives MIDI, bio and audio in place of the event stream; chat stays on the stream")
    func mediaHandler() async throws {
        try await TestServer.with { server in
            let (probes, ids) = try await EngineProbe.connectedPair(server)
            let media = Mutex<[EngineEvent]>([])
            let all = OnceGate<Void>()
            probes[1].engine.setMediaHandler { event in
                let kinds = media.withLock { media in
                    media.append(event)
                    return Set(media.map { event -> Int in
                        switch event {
                        case .midi: 0
                        case .bio: 1
                        default: 2
                        }
                    })
                }
                if kinds.count == 3 { all.finish(.success(())) }
            }
            try probes[0].engine.send(midi: [.noteOn(channel: 0, note: 60, velocity: 90, timestamp: 0)])
            try probes[0].engine.send(chat: "still on the stream")
            let ana = probes[0].engine
            try await whileResending({
                try ana.send(bio: BioSample(heartRate: 61, rmssd: 40, coherence: 0.5, breathingRate: 6))
                try ana.send(audio: try AudioFrame(sequence: 1, timestamp: 480, codec: .pcm16(channels: 1),
                                                   payload: [UInt8](repeating: 7, count: 960)))
            }) {
                try await withTimeout(.seconds(30), "media in the handler") { try await all.wait().get() }
            }
            try await probes[1].wait("chat on the stream") { $0.chats(from: ids[0]) == ["still on the stream"] }
            let streamed = probes[1].events
            #expect(streamed.midi(from: ids[0]).isEmpty && streamed.bio(from: ids[0]).isEmpty
                    && streamed.audio(from: ids[0]).isEmpty, "media went to the handler only")
            for probe in probes { await probe.close() }
        }
    }
}
