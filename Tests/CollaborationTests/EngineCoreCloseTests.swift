import Foundation
import Testing

@testable import Collaboration

/// A core closed while it still has a room (``CollaborationEngine/close()`` racing an
/// `.entered`): its one-shot MIDI timers may still fire, and must then do nothing (virtual clock).
@Suite("Engine core close", .timeLimit(.minutes(1)))
struct EngineCoreCloseTests {
    let ana = CoreMesh.id(1)
    let ben = CoreMesh.id(2)

    @Test("A closed core with a room left neither plays held MIDI nor sends a pending batch when its timers fire")
    func timersOnAClosedCoreWithARoomDoNothing() throws {
        var timing = EngineTiming()
        timing.tick = .milliseconds(5)
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")], timing: timing)
        #expect(mesh.fullyConnected)
        let start = mesh.now
        // Stamped well ahead: Ben holds both events for play-out once they arrive.
        try mesh.send(midi: [.noteOn(channel: 0, note: 60, velocity: 90, timestamp: start + 200_000),
                             .noteOff(channel: 0, note: 60, timestamp: start + 300_000)], from: ana)
        mesh.advance(.milliseconds(50))
        #expect(mesh.carried.contains { $0.channel == .midi }, "Ben has received the batch")
        #expect(!mesh.events(ben).contains { if case .midi = $0 { true } else { false } }, "and holds it for play-out")
        // Ana has a batch waiting for her flush timer.
        try mesh.send(midi: [.noteOn(channel: 1, note: 64, velocity: 90, timestamp: 0)], from: ana)
        // Both close without leaving: their rooms stay set.
        for id in [ana, ben] {
            try mesh.with(id) { core in
                _ = core.close()
                return ((), [EngineAction]())
            }
        }
        #expect(mesh.members[ben]?.core.room != nil && mesh.members[ana]?.core.room != nil, "closed with a room left")
        let carried = mesh.carried.count
        let events = mesh.events(ben).count
        let later = mesh.now + 1_000_000
        let played = try mesh.with(ben) { core in
            let actions = core.handle(.midiPlayout, now: later)
            return (actions, actions)
        }
        let flushed = try mesh.with(ana) { core in
            let actions = core.handle(.midiFlush, now: later)
            return (actions, actions)
        }
        #expect(played.isEmpty, "nothing played: \(played)")
        #expect(flushed.isEmpty, "nothing sent: \(flushed)")
        #expect(mesh.events(ben).count == events)
        #expect(mesh.carried.count == carried)
    }
}
