import Foundation
import Testing

@testable import Collaboration

/// Received MIDI goes through the scheduler: it plays at its shared-clock time plus the playout
/// delay, in order, not when the batch arrived; late events are counted (virtual clock).
@Suite("MIDI playout", .timeLimit(.minutes(1)))
struct MIDIPlayoutTests {
    let ana = CoreMesh.id(1)
    let ben = CoreMesh.id(2)

    private func midi(at id: UUID, from peer: UUID, in mesh: CoreMesh) -> [MIDIEvent] {
        mesh.events(id).flatMap { event -> [MIDIEvent] in
            guard case .midi(peer, let events) = event else { return [] }
            return events
        }
    }

    @Test("Events play at their stamped time plus the delay, in order; a late one plays at once and is counted")
    func playsOnTime() throws {
        var timing = EngineTiming()
        timing.tick = .milliseconds(5)
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")], timing: timing)
        #expect(mesh.fullyConnected)
        let start = mesh.now
        // Stamped 100 and 150 ms ahead (a sequencer's look-ahead), off before on in the list.
        try mesh.send(midi: [.noteOff(channel: 0, note: 60, timestamp: start + 150_000),
                             .noteOn(channel: 0, note: 60, velocity: 90, timestamp: start + 100_000)], from: ana)
        mesh.advance(.milliseconds(60))
        #expect(midi(at: ben, from: ana, in: mesh).isEmpty, "nothing plays before its time")
        mesh.advance(.milliseconds(300))
        let played = midi(at: ben, from: ana, in: mesh)
        let delay = timing.midiPlayoutDelay.engineMicroseconds
        #expect(played.map(\.timestamp) == [start + 100_000 + delay, start + 150_000 + delay])
        #expect(played.map(\.status) == [0x90, 0x80])
        #expect(mesh.statistics(at: ben, of: ana)?.lateMIDIEvents == 0)
        // Stamped 100 ms in the past: due before it arrives.
        let now = mesh.now
        try mesh.send(midi: [.noteOn(channel: 0, note: 62, velocity: 90, timestamp: now - 100_000)], from: ana)
        mesh.advance(.milliseconds(30))
        #expect(midi(at: ben, from: ana, in: mesh).count == 3)
        #expect(mesh.statistics(at: ben, of: ana)?.lateMIDIEvents == 1)
    }

    @Test("Before the first clock sample, a sender on another clock (a browser's Unix time) plays on arrival plus the delay")
    func playsOnArrivalBeforeTheClocksAreSynchronised() throws {
        var timing = EngineTiming()
        timing.tick = .milliseconds(5)
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")], timing: timing)
        #expect(mesh.fullyConnected)
        // Ben has no clock sample of Ana yet.
        try mesh.with(ben) { core throws(EngineError) in
            core.room?.peers[ana]?.clock = ClockSynchronizer()
            return ((), [])
        }
        // A batch arrives stamped on Unix time (a browser's clock), 56 years ahead of Ben's uptime
        // clock, its two events 10 ms apart.
        let unixTime: Int64 = 1_796_000_000_000_000
        let batch = try MIDIBatch(sequence: 1, events: [
            .noteOn(channel: 0, note: 60, velocity: 90, timestamp: unixTime),
            .noteOff(channel: 0, note: 60, timestamp: unixTime + 10_000),
        ])
        mesh.report(.message(.midi, batch.encoded()), at: ben, toward: ana)
        mesh.advance(.milliseconds(200))
        let played = midi(at: ben, from: ana, in: mesh)
        #expect(played.map(\.status) == [0x90, 0x80], "both events played, not held for years")
        if played.count == 2 { #expect(played[1].timestamp - played[0].timestamp == 10_000) }
    }
}
