import Collaboration
import Foundation
import RTCBase
import Synchronization
import Testing
import WebRTC

@testable import Collaboration

/// What a closed engine leaves behind: its one-shot timers (MIDI batching, MIDI play-out) may
/// still fire on its loop, and must then do nothing.
@Suite("Engine close", .timeLimit(.minutes(1)))
struct CloseTests {
    @Test("A MIDI batch pending at close is never sent, and received MIDI still held is never played after it")
    func timersAfterCloseDoNothing() async throws {
        try await TestServer.with { server in
            let network = FakeLinkNetwork()
            // Long enough that both timers are surely still armed when close() returns.
            let hold = Duration.milliseconds(400)
            let transports = [FakePeerTransport(network: network), FakePeerTransport(network: network)]
            let probes = zip(["Ana", "Ben"], transports).map { name, transport in
                EngineProbe.make(server, name: name) {
                    $0.transport = transport
                    $0.timing.midiBatchInterval = hold
                    $0.timing.midiPlayoutDelay = hold
                }
            }
            let (ana, ben) = (probes[0], probes[1])
            let session = try await ana.engine.createSession()
            _ = try await ben.engine.join(code: session.roomCode)
            let ids = probes.compactMap { $0.engine.session?.localParticipantID }
            try await ana.waitConnected(to: [ids[1]])
            try await ben.waitConnected(to: [ids[0]])

            // Ana plays what she receives from a handler that notes whether she was closed by then.
            let played = Mutex<(closed: Bool, before: Int, after: [MIDIEvent])>((false, 0, []))
            let first = OnceGate<Void>()
            ana.engine.setMediaHandler { event in
                guard case .midi(_, let events) = event else { return }
                played.withLock { state in
                    if state.closed { state.after += events } else { state.before += events.count }
                }
                first.finish(.success(()))
            }
            // Ben's note-on plays first; its note-off, `hold` later, is still held when Ana closes.
            let now = ben.engine.now()
            try ben.engine.send(midi: [.noteOn(channel: 0, note: 60, velocity: 90, timestamp: now),
                                       .noteOff(channel: 0, note: 60, timestamp: now + hold.engineMicroseconds)])
            try await withTimeout(.seconds(10), "Ana plays Ben's note-on") { try await first.wait().get() }

            // Ana's own note waits in her batcher for `hold`; she closes at once.
            try ana.engine.send(midi: [.noteOn(channel: 1, note: 64, velocity: 90, timestamp: 0)])
            let sentBefore = network.sent(by: transports[0].links, on: .midi)
            await ana.close()
            played.withLock { $0.closed = true }

            // Timers on a loop run in deadline order: this one, due after both of Ana's, runs after them.
            let past = OnceGate<Void>()
            ana.engine.loop.execute(after: hold * 3) { past.finish(.success(())) }
            try await withTimeout(.seconds(10), "Ana's loop passes her timers' deadlines") { try await past.wait().get() }

            #expect(network.sent(by: transports[0].links, on: .midi) == sentBefore, "nothing sent after close")
            #expect(played.withLock { $0.after }.isEmpty, "nothing played after close")
            #expect(played.withLock { $0.before } >= 1)
            await ben.close()
        }
    }
}
