import Foundation
import Testing

@testable import Collaboration

/// The MIDI batching timer: a flush that finds the window still open re-arms for the window's
/// close, so a batch never waits a second interval (virtual clock).
@Suite("MIDI flush timer", .timeLimit(.minutes(1)))
struct MIDIFlushTimerTests {
    let ana = CoreMesh.id(1)
    let ben = CoreMesh.id(2)

    @Test("A flush just before the window closes re-arms for the close, not a whole interval later")
    func earlyFlushRearmsForTheClose() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        #expect(mesh.fullyConnected)
        let interval = EngineTiming().midiBatchInterval.engineMicroseconds
        let start = mesh.now
        // Queued at `start`; the mesh does not get the timer this arms, so the test fires it.
        let armed = try mesh.with(ana) { core throws(EngineError) in
            (try core.send(midi: [.noteOn(channel: 0, note: 60, velocity: 90, timestamp: start)], now: start), [])
        }
        // The timer fires 3 µs before the window closes; the mesh performs what that flush asks.
        mesh.advance(.microseconds(interval - 3))
        let now = mesh.now
        let early = try mesh.with(ana) { core throws(EngineError) in
            let actions = core.handle(.midiFlush, now: now)
            return (actions, actions)
        }
        let actions = armed + early
        let delays: [Int64] = actions.compactMap { action in
            guard case .armMIDIFlush(let after) = action else { return nil }
            return after.engineMicroseconds
        }
        #expect(delays == [interval, 3])
        let pending = { () throws -> Int in try mesh.with(self.ana) { core throws(EngineError) in (core.batcher.pendingCount, []) } }
        #expect(try pending() == 1, "nothing leaves before the window closes")
        mesh.advance(.milliseconds(1))
        #expect(try pending() == 0, "the batch left when its window closed")
    }
}
