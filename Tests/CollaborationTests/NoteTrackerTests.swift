import Foundation
import Testing

@testable import Collaboration

@Suite("NoteTracker", .timeLimit(.minutes(1)))
struct NoteTrackerTests {
    let ana = UUID()
    let ben = UUID()

    @Test("a lost peer's sounding notes get note-offs, per channel, and nothing else")
    func releaseOnLoss() throws {
        var tracker = NoteTracker()
        tracker.record(.noteOn(channel: 0, note: 60, velocity: 100, timestamp: 0), from: ana)
        tracker.record(.noteOn(channel: 0, note: 64, velocity: 100, timestamp: 0), from: ana)
        tracker.record(.noteOn(channel: 9, note: 36, velocity: 100, timestamp: 0), from: ana)
        tracker.record(.noteOff(channel: 0, note: 64, timestamp: 1), from: ana)
        tracker.record(.noteOn(channel: 9, note: 36, velocity: 0, timestamp: 2), from: ana)  // velocity 0 = off
        tracker.record(.noteOn(channel: 1, note: 60, velocity: 100, timestamp: 0), from: ben)
        tracker.record(.noteOff(channel: 0, note: 60, timestamp: 0), from: ben)  // other peer, no effect on ana

        let offs = tracker.release(peer: ana, at: 99)
        #expect(offs == [.noteOff(channel: 0, note: 60, timestamp: 99)])
        #expect(tracker.release(peer: ana, at: 100).isEmpty)
        #expect(tracker.soundingNotes(of: ben).map(\.note) == [60])
    }

    @Test("all-notes-off, all-sound-off and system reset clear notes; sustain is released")
    func allNotesOff() throws {
        var tracker = NoteTracker()
        for note in UInt8(40)..<45 { tracker.record(.noteOn(channel: 2, note: note, velocity: 1, timestamp: 0), from: ana) }
        tracker.record(.noteOn(channel: 3, note: 50, velocity: 1, timestamp: 0), from: ana)
        tracker.record(.controlChange(channel: 2, controller: 123, value: 0, timestamp: 0), from: ana)
        #expect(tracker.soundingNotes(of: ana).map(\.channel) == [3])
        tracker.record(.controlChange(channel: 3, controller: 120, value: 0, timestamp: 0), from: ana)
        #expect(tracker.soundingNotes(of: ana).isEmpty)
        #expect(tracker.activePeers.isEmpty)

        tracker.record(.noteOn(channel: 4, note: 70, velocity: 1, timestamp: 0), from: ana)
        tracker.record(try MIDIEvent(timestamp: 0, bytes: [0xFF]), from: ana)
        #expect(tracker.activePeers.isEmpty)

        tracker.record(.controlChange(channel: 5, controller: 64, value: 127, timestamp: 0), from: ana)
        tracker.record(.noteOn(channel: 5, note: 72, velocity: 80, timestamp: 0), from: ana)
        #expect(tracker.release(peer: ana, at: 7) == [
            .noteOff(channel: 5, note: 72, timestamp: 7),
            .controlChange(channel: 5, controller: 64, value: 0, timestamp: 7),
        ])
    }

    @Test("releaseAll silences every peer")
    func releaseAll() {
        var tracker = NoteTracker()
        tracker.record(.noteOn(channel: 0, note: 1, velocity: 1, timestamp: 0), from: ana)
        tracker.record(.noteOn(channel: 0, note: 2, velocity: 1, timestamp: 0), from: ben)
        #expect(Set(tracker.releaseAll(at: 5).map(\.data1)) == [1, 2])
        #expect(tracker.activePeers.isEmpty)
    }
}
