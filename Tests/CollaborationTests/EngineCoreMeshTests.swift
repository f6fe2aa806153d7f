import Foundation
import SignalingProtocol
import Testing

@testable import Collaboration

/// The engine core's rules on a virtual clock, no sockets: mesh, glare, host changes, spectators.
@Suite("Engine core: mesh and roles", .timeLimit(.minutes(1)))
struct EngineCoreMeshTests {
    let ana = CoreMesh.id(1)
    let ben = CoreMesh.id(2)
    let caro = CoreMesh.id(3)

    /// Ana, then Caro, then Ben join one room.
    func trio() -> CoreMesh { CoreMesh.room([(ana, "Ana"), (caro, "Caro"), (ben, "Ben")]) }

    @Test("Three join: the smaller ID offers to each pair, once; everyone connects; chat crosses every way")
    func meshConnects() throws {
        let mesh = trio()
        #expect(mesh.fullyConnected)
        let pairs = Set(mesh.offers.map { "\($0.from)>\($0.to)" })
        #expect(pairs == ["\(ana)>\(caro)", "\(ana)>\(ben)", "\(ben)>\(caro)"])
        #expect(mesh.offers.count == 3, "no pair offered twice")
        try mesh.chat("hi from Ben", from: ben)
        #expect(mesh.chats(at: ana, from: ben) == ["hi from Ben"])
        #expect(mesh.chats(at: caro, from: ben) == ["hi from Ben"])
        #expect(mesh.members[caro]?.core.participants.map(\.name) == ["Caro", "Ana", "Ben"])
    }

    @Test("Glare: the offerer ignores the other side's offer while its own is unanswered; outside glare it answers")
    func glare() throws {
        let mesh = CoreMesh()
        mesh.join(ana, name: "Ana")
        // Ana's offer to Ben is made but Ben's answer is held back: Ana is waiting for it.
        var heldAnswer: SignalMessage?
        mesh.signalFilter = { from, message in
            if case .answer = message, heldAnswer == nil {
                heldAnswer = message
                return false
            }
            return true
        }
        mesh.join(ben, name: "Ben")
        #expect(heldAnswer != nil)
        // Ben, believing it offers too, sends an offer: Ana keeps her own and does not answer.
        let linksBefore = mesh.links.count
        mesh.enqueue(ana, .server(.offer(from: ben, sdp: "fake-offer 999")))
        mesh.run()
        #expect(mesh.links.count == linksBefore, "no link made for the glaring offer")
        #expect(mesh.members[ana]?.logs.contains { $0.contains("glare") } == true)
        // The held answer arrives: the link comes up.
        mesh.signalFilter = nil
        if case .answer(_, let sdp)? = heldAnswer { mesh.enqueue(ana, .server(.answer(from: ben, sdp: sdp))) }
        mesh.run()
        #expect(mesh.fullyConnected)
        // Outside glare (link up), an offer from Ben is a restart he started: Ana answers it.
        mesh.enqueue(ana, .server(.offer(from: ben, sdp: "fake-offer \(mesh.links.count + 50)")))
        mesh.run()
        #expect(mesh.links.count == linksBefore + 1, "Ana made a link to answer")
        #expect(mesh.state(at: ana, of: ben) == .connecting || mesh.state(at: ana, of: ben) == .reconnecting)
    }

    @Test("The host leaves: the longest-present guest becomes host, can mute, and the other cannot")
    func hostLeaves() throws {
        let mesh = trio()
        try mesh.with(ana) { core throws(EngineError) in ((), core.handle(.leave, now: mesh.now)) }
        for id in [caro, ben] {
            #expect(mesh.members[id]?.core.room?.hostID == caro)
            #expect(mesh.events(id).contains { if case .hostChanged(caro) = $0 { true } else { false } })
            #expect(mesh.events(id).contains { if case .participantLeft(ana, .left) = $0 { true } else { false } })
            #expect(mesh.members[id]?.core.participants.map(\.id).contains(ana) == false)
        }
        #expect(mesh.members[caro]?.core.participants.first?.role == .host)
        #expect(throws: EngineError.notAllowed("only the host mutes")) {
            try mesh.with(ben) { core throws(EngineError) in ((), try core.mute(caro, true)) }
        }
        try mesh.with(caro) { core throws(EngineError) in ((), try core.mute(ben, true)) }
        #expect(mesh.members[ben]?.core.room?.localMuted == true)
        #expect(throws: EngineError.muted) {
            try mesh.with(ben) { core throws(EngineError) in
                ((), try core.send(midi: [.noteOn(channel: 0, note: 60, velocity: 90, timestamp: 0)], now: mesh.now))
            }
        }
    }

    @Test("A spectator sends only chat; raw MIDI and audio it sends anyway are refused and counted")
    func spectatorSends() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        try mesh.with(ana) { core throws(EngineError) in ((), try core.setRole(.spectator, for: ben)) }
        #expect(mesh.members[ben]?.core.room?.localRole == .spectator)
        #expect(throws: EngineError.notAllowed("spectators send only chat")) {
            try mesh.with(ben) { core throws(EngineError) in
                try core.send(bio: BioSample(heartRate: 60, rmssd: 40, coherence: 0.4, breathingRate: 6), now: mesh.now)
                return ((), [])
            }
        }
        #expect(throws: EngineError.notAllowed("spectators send only chat")) {
            try mesh.with(ben) { core throws(EngineError) in
                try core.send(audio: [1, 1, 1])
                return ((), [])
            }
        }
        // A modified client sends anyway, straight on its link.
        let link = try #require(mesh.members[ben]?.core.link(to: ana)?.link)
        let batch = try MIDIBatch(sequence: 9, events: [.noteOn(channel: 0, note: 60, velocity: 100, timestamp: 5)])
        try link.send(SequencedEnvelope(stream: 7, sequence: 0, payload: batch.encoded()).encoded(), on: .midi)
        let frame = try AudioFrame(sequence: 1, timestamp: 0, codec: .pcm16(channels: 1), payload: [0, 0])
        try link.send(frame.encoded(), on: .audio)
        try mesh.chat("just watching", from: ben)
        #expect(mesh.chats(at: ana, from: ben) == ["just watching"])
        #expect(!mesh.events(ana).contains { if case .midi = $0 { true } else { false } })
        #expect(!mesh.events(ana).contains { if case .audio = $0 { true } else { false } })
        let stats = try #require(mesh.statistics(at: ana, of: ben))
        #expect(stats[.midi].refused == 1 && stats[.audio].refused == 1)
    }
}
