import Foundation
import Testing

@testable import Collaboration

/// Files as a killed process leaves them: written, checkpointed, never finished.
extension RecordingWriterTests {
    @Test("A WAV never finished opens up to its last checkpoint; blocks written after it lie past the data chunk")
    func wavAbandonedAfterCheckpoint() throws {
        let directory = try createdScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("take.wav")
        var wav: WAVFile? = try WAVFile(url: url, channels: 2)
        var bytes = try [UInt8](Data(contentsOf: url))
        #expect(RecordedFile.wavSizes(bytes).map { [$0.riff, $0.data] } == [36, 0], "valid and empty from the start")

        // Half a second (96,000 bytes: more than one 64 KiB block), then a checkpoint.
        let half = [Float](repeating: 0.25, count: 2 * 24_000)
        try half.withUnsafeBufferPointer { samples throws(RecordingError) in try wav?.append(samples) }
        try wav?.checkpoint()
        bytes = try [UInt8](Data(contentsOf: url))
        #expect(RecordedFile.wavSizes(bytes).map { [$0.riff, $0.data] } == [96_036, 96_000])
        #expect(bytes.count == 44 + 96_000)
        #expect(Int16(bitPattern: UInt16(bytes[44]) | UInt16(bytes[45]) << 8) == 8_192)

        // Another half second reaches the disk in a block but no checkpoint follows: the header
        // still says half a second, and the file is longer.
        try half.withUnsafeBufferPointer { samples throws(RecordingError) in try wav?.append(samples) }
        bytes = try [UInt8](Data(contentsOf: url))
        #expect(RecordedFile.wavSizes(bytes).map { [$0.riff, $0.data] } == [96_036, 96_000])
        #expect(bytes.count == 44 + 2 * 96_000)
        #expect(wav?.checkpointedFrames == 24_000 && wav?.frames == 48_000)
        wav = nil  // abandoned: closed without `finish`, as by a kill
        bytes = try [UInt8](Data(contentsOf: url))
        #expect(RecordedFile.wavSizes(bytes).map { [$0.riff, $0.data] } == [96_036, 96_000])
    }

    @Test("A recording never finished: its index says incomplete, every WAV and the MIDI file open, up to the last checkpoint")
    func recordingAbandonedAfterCheckpoint() throws {
        let directory = try createdScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = UUID()
        let remote = UUID()
        let start: Int64 = 1_000_000
        var writer: RecordingWriter? = RecordingWriter(directory: directory, startClock: start, startedAt: Self.startedAt, localID: local, localName: "Ana")
        func index() throws -> RecordingIndex {
            try JSONDecoder().decode(RecordingIndex.self, from: Data(contentsOf: directory.appendingPathComponent("index.json")))
        }
        func midiTracks() throws -> [[UInt8]] {
            try #require(RecordedFile.midiTracks(try [UInt8](Data(contentsOf: directory.appendingPathComponent("session.mid")))))
        }
        var written = try index()
        #expect(!written.complete && written.participants.map(\.name) == ["Ana"], "an index from the start")

        writer?.handle(.participant(id: remote, name: "Ben", local: false))
        for frame in 0..<200 {  // a second of Ben's 5 ms frames
            let at = start + 5_000 * Int64(frame + 1)
            writer?.handle(.remoteAudio(from: remote, frame: try pcmFrame(sequence: UInt32(frame), timestamp: UInt32(240 * frame)), at: at))
        }
        writer?.handle(.midi(from: remote, events: [try MIDIEvent(timestamp: start + 500_000, bytes: [0x90, 60, 100])]))
        writer?.handle(.chat(from: remote, text: "hello", at: start + 600_000))
        writer?.checkpoint()

        written = try index()
        #expect(!written.complete)
        #expect(written.durationSeconds == 1)
        let ben = try #require(written.participants.first { $0.name == "Ben" })
        #expect(ben.audioFrames == 200 && ben.midiEvents == 1 && ben.chatLines == 1)
        let wav = try [UInt8](Data(contentsOf: directory.appendingPathComponent(try #require(ben.audioFile))))
        #expect(RecordedFile.wavSizes(wav).map { [$0.riff, $0.data] } == [36 + 192_000, 192_000], "a second of stereo 16-bit")
        #expect(wav.count == 44 + 192_000)
        #expect(ben.audioSeconds == 1)
        var tracks = try midiTracks()
        #expect(tracks.count == 3, "tempo, Ana, Ben")
        #expect(tracks[2].contains(0x90))
        #expect(try String(contentsOf: directory.appendingPathComponent("chat.txt"), encoding: .utf8) == "[0:00.600] Ben: hello\n")

        // A note after the checkpoint is in the MIDI file only after the next one.
        writer?.handle(.midi(from: local, events: [try MIDIEvent(timestamp: start + 1_200_000, bytes: [0x90, 64, 90])]))
        tracks = try midiTracks()
        #expect(!tracks[1].contains(0x90))
        writer?.checkpoint()
        tracks = try midiTracks()
        #expect(tracks[1].contains(0x90))
        writer = nil  // abandoned

        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == ["audio-02-Ben.wav", "bio.csv", "chat.txt", "index.json", "session.mid"], "no temporary left behind")
        written = try index()
        #expect(!written.complete)
    }

    @Test("The MIDI file is rewritten less often as it grows: about as many events encoded per second however long the session, though each rewrite takes longer")
    func midiRewriteInterval() throws {
        let directory = try createdScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = UUID()
        let writer = RecordingWriter(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: local, localName: "Ana")
        let url = directory.appendingPathComponent("session.mid")
        writer.handle(.midi(from: local, events: [try MIDIEvent(timestamp: 0, bytes: [0x90, 60, 100])]))
        writer.checkpoint()
        let small = try Data(contentsOf: url).count
        // Twice the per-checkpoint figure: from now on the file is due every third checkpoint.
        let events = try (0..<RecordingWriter.midiEventsPerCheckpoint).map { try MIDIEvent(timestamp: Int64($0) * 1_000, bytes: [0x80, 60, 0]) }
        writer.handle(.midi(from: local, events: events))
        writer.handle(.midi(from: local, events: events))
        var sizes: [Int] = []
        for _ in 2...4 {
            writer.checkpoint()
            sizes.append(try Data(contentsOf: url).count)
        }
        #expect(sizes[0] == small && sizes[1] == small, "not rewritten at the second and third checkpoints")
        #expect(sizes[2] > 300_000, "rewritten at the fourth, 1 + 100,001 / 50,000 after the first")
        _ = writer.finish(at: 1_000_000)
        let tracks = try #require(RecordedFile.midiTracks(try [UInt8](Data(contentsOf: url))))
        #expect(tracks.count == 2)
        #expect(try JSONDecoder().decode(RecordingIndex.self, from: Data(contentsOf: directory.appendingPathComponent("index.json"))).complete)
    }
}
