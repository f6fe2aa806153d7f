import Foundation
import Opus
import Testing

@testable import Collaboration

/// The recording's files, written from synthetic input and read back byte by byte.
@Suite("Recording files", .timeLimit(.minutes(1)))
struct RecordingWriterTests {
    /// The wall-clock start every test's recording says (2027-01-15T08:00:00Z).
    static let startedAt = Date(timeIntervalSince1970: 1_800_000_000)

    func scratchDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("collab-recording-\(UUID().uuidString)")
    }

    /// A scratch directory made already, for what writes into one without making it.
    func createdScratchDirectory() throws -> URL {
        let directory = scratchDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A recorder into `directory` from `start` on the session clock, Ana local, with one remote
    /// participant, `guest`, already announced.
    func recorder(in directory: URL, start: Int64, guest: String) throws -> (SessionRecorder, local: UUID, remote: UUID) {
        let local = UUID()
        let remote = UUID()
        let recorder = try SessionRecorder(directory: directory, startClock: start, startedAt: Self.startedAt,
                                           localID: local, localName: "Ana")
        recorder.record(.participant(id: remote, name: guest, local: false))
        return (recorder, local, remote)
    }

    /// A PCM frame of 240 stereo samples at `value`.
    func pcmFrame(sequence: UInt32, timestamp: UInt32, value: Int16 = 1000) throws -> AudioFrame {
        let sample = [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
        let payload = Array([[UInt8]](repeating: sample + sample, count: 240).joined())
        return try AudioFrame(sequence: sequence, timestamp: timestamp, codec: .pcm16(channels: 2), payload: payload)
    }

    @Test("Variable-length quantities are the MIDI file specification's examples")
    func variableLength() {
        let cases: [(UInt32, [UInt8])] = [(0, [0x00]), (0x40, [0x40]), (0x7F, [0x7F]), (0x80, [0x81, 0x00]),
                                          (0x2000, [0xC0, 0x00]), (0x3FFF, [0xFF, 0x7F]), (0x4000, [0x81, 0x80, 0x00]),
                                          (0x0FFF_FFFF, [0xFF, 0xFF, 0xFF, 0x7F])]
        for (value, expected) in cases {
            var out: [UInt8] = []
            StandardMIDIFile.putVariable(value, into: &out)
            #expect(out == expected, "\(value)")
        }
    }

    @Test("A MIDI file: header, tempo track, one track per participant with deltas in milliseconds")
    func midiFile() {
        var file = StandardMIDIFile()
        file.tracks = [StandardMIDIFile.Track(name: "Ana", events: [(time: 1000, bytes: [0x90, 60, 100]), (time: 0, bytes: [0xB0, 7, 90])])]
        let bytes = file.encoded()
        #expect(Array(bytes[0..<14]) == Array("MThd".utf8) + [0, 0, 0, 6, 0, 1, 0, 2, 0x01, 0xF4])
        let tempo: [UInt8] = Array("MTrk".utf8) + [0, 0, 0, 11, 0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20, 0x00, 0xFF, 0x2F, 0x00]
        #expect(Array(bytes[14..<(14 + tempo.count)]) == tempo)
        let track = Array(bytes[(14 + tempo.count)...])
        let body: [UInt8] = [0x00, 0xFF, 0x03, 0x03] + Array("Ana".utf8)
            + [0x00, 0xB0, 7, 90]            // sorted by time: the controller at 0 ms first
            + [0x87, 0x68, 0x90, 60, 100]    // then 1000 ms later (0x3E8 = 87 68)
            + [0x00, 0xFF, 0x2F, 0x00]
        #expect(track == Array("MTrk".utf8) + [0, 0, 0, UInt8(body.count)] + body)
    }

    @Test("Audio lands on the session clock: a late first frame starts after silence, a gap is concealed, a late frame is dropped")
    func audioPlacement() async throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let start: Int64 = 10_000_000
        let (recorder, local, remote) = try recorder(in: directory, start: start, guest: "Ben, the drummer")
        // Ben's first frame arrives 100 ms in: it covers 95...100 ms, so 4,560 frames of silence come first.
        recorder.record(.remoteAudio(from: remote, frame: try pcmFrame(sequence: 0, timestamp: 0), at: start + 100_000))
        recorder.record(.remoteAudio(from: remote, frame: try pcmFrame(sequence: 1, timestamp: 240), at: start + 105_000))
        // Frames 2 and 3 are lost; 4 arrives: two frames are concealed (silence: PCM has no PLC).
        recorder.record(.remoteAudio(from: remote, frame: try pcmFrame(sequence: 4, timestamp: 960), at: start + 120_000))
        // Frame 3 arrives after its place was written: dropped as late.
        recorder.record(.remoteAudio(from: remote, frame: try pcmFrame(sequence: 3, timestamp: 720), at: start + 121_000))
        recorder.record(.chat(from: remote, text: "one, two\nthree", at: start + 1_500_000))
        recorder.record(.bio(from: local, sample: BioSample(heartRate: 72, rmssd: 40, coherence: 0.5, breathingRate: 6,
                                                            timestamp: start + 250_000), at: start + 250_000))
        let index = try await recorder.finish(at: start + 2_000_000)

        #expect(index.errors.isEmpty)
        #expect(index.complete)
        #expect(index.startedAt == "2027-01-15T08:00:00Z")
        #expect(index.durationSeconds == 2)
        let ben = try #require(index.participants.first { $0.name == "Ben, the drummer" })
        #expect(ben.audioFrames == 3)
        #expect(ben.concealedFrames == 2)
        #expect(ben.lateFrames == 1)
        #expect(ben.audioSeconds == 2, "padded to the end of the recording")
        let wav = try [UInt8](Data(contentsOf: directory.appendingPathComponent(try #require(ben.audioFile))))
        #expect(Array(wav[0..<4]) == Array("RIFF".utf8) && Array(wav[8..<16]) == Array("WAVEfmt ".utf8))
        #expect(RecordedFile.littleEndian32(wav, at: 24) == 48_000)
        let dataBytes = RecordedFile.littleEndian32(wav, at: 40)
        #expect(dataBytes == 2 * 48_000 * 4 && wav.count == 44 + Int(dataBytes))
        #expect(RecordedFile.littleEndian32(wav, at: 4) == dataBytes + 36)
        func sample(atFrame frame: Int) -> Int16 {
            let offset = 44 + frame * 4
            return Int16(bitPattern: UInt16(wav[offset]) | UInt16(wav[offset + 1]) << 8)
        }
        #expect(sample(atFrame: 4_559) == 0, "silence before Ben's first frame")
        #expect(abs(Int(sample(atFrame: 4_560)) - 1000) <= 1, "his first sample at 95 ms")
        #expect(sample(atFrame: 4_560 + 480) == 0, "the concealed gap")
        #expect(abs(Int(sample(atFrame: 4_560 + 960)) - 1000) <= 1, "frame 4 in its place")

        let chat = try String(contentsOf: directory.appendingPathComponent("chat.txt"), encoding: .utf8)
        #expect(chat == "[0:01.500] Ben, the drummer: one, two\\nthree\n")
        let bio = try String(contentsOf: directory.appendingPathComponent("bio.csv"), encoding: .utf8)
        #expect(bio.split(separator: "\n").last == "0.250,\(local.uuidString),Ana,72.0,40.0,0.500,6.00,,")
        let data = try Data(contentsOf: directory.appendingPathComponent("index.json"))
        #expect(try JSONDecoder().decode(RecordingIndex.self, from: data) == index)
    }

    @Test("A track placed past the end lengthens every file, and the index's duration is their length")
    func durationCoversATrackPastTheEnd() async throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let start: Int64 = 10_000_000
        let (recorder, _, remote) = try recorder(in: directory, start: start, guest: "Ben")
        recorder.record(.localAudio(samples: [Float](repeating: 0.1, count: 480), channels: 2, at: start + 5_000))
        // Ben's frame arrives at 100 ms and covers 95...100 ms; the recording stops at 97 ms.
        recorder.record(.remoteAudio(from: remote, frame: try pcmFrame(sequence: 0, timestamp: 0), at: start + 100_000))
        let index = try await recorder.finish(at: start + 97_000)
        #expect(index.errors.isEmpty)
        #expect(index.participants.count == 2)
        for participant in index.participants {
            #expect(participant.audioSeconds == 0.1, "\(participant.name): every file as long as the longest")
        }
        #expect(abs(index.durationSeconds - 0.1) < 1.0 / 48_000, "the index says the files' length, not the stop")
    }

    @Test("Opus gaps are concealed by the decoder, and the frame before rides in as redundancy")
    func opusGaps() async throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let remote = UUID()
        let encoder = try OpusEncoder(configuration: OpusConfiguration(channels: 2, frameDuration: .ms5))
        let tone = (0..<480).map { Float(sin(Double($0 / 2) * 2 * .pi * 440 / 48_000)) * 0.5 }
        var packets: [[UInt8]] = []
        for _ in 0..<6 { packets.append(try encoder.encode(tone)) }
        let recorder = try SessionRecorder(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: UUID(), localName: "Ana")
        func frame(_ index: Int, redundancy: Bool = false) throws -> AudioFrame {
            try AudioFrame(sequence: UInt32(index), timestamp: UInt32(240 * index), codec: .opus(channels: 2),
                           payload: packets[index], redundancy: redundancy ? packets[index - 1] : [])
        }
        recorder.record(.remoteAudio(from: remote, frame: try frame(0), at: 5_000))
        recorder.record(.remoteAudio(from: remote, frame: try frame(2, redundancy: true), at: 15_000))  // 1 rode along
        recorder.record(.remoteAudio(from: remote, frame: try frame(5), at: 30_000))                   // 3, 4 concealed
        let index = try await recorder.finish(at: 40_000)
        let ben = try #require(index.participants.first { $0.id == remote.uuidString })
        #expect(ben.audioFrames == 3)
        #expect(ben.concealedFrames == 2)
        #expect(ben.lateFrames == 0)
        #expect(abs(ben.audioSeconds - 0.04) < 1e-9, "padded to the end")
        #expect(index.errors.isEmpty)
    }

    @Test("A sender that paused (its media clock stopped) is placed anew at the arrival, not seconds early")
    func pausedSender() async throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let remote = UUID()
        let recorder = try SessionRecorder(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: UUID(), localName: "Ana")
        recorder.record(.remoteAudio(from: remote, frame: try pcmFrame(sequence: 0, timestamp: 0), at: 5_000))
        recorder.record(.remoteAudio(from: remote, frame: try pcmFrame(sequence: 1, timestamp: 240), at: 10_000))
        // Muted for 3 s: the next frame continues the media clock but arrives 3 s later.
        recorder.record(.remoteAudio(from: remote, frame: try pcmFrame(sequence: 2, timestamp: 480), at: 3_015_000))
        // A hostile jump of 2^30 samples (6 hours) ahead is placed at the arrival too, not written out.
        recorder.record(.remoteAudio(from: remote, frame: try pcmFrame(sequence: 3, timestamp: 1 << 30), at: 3_020_000))
        let index = try await recorder.finish(at: 3_100_000)
        let ben = try #require(index.participants.first { $0.id == remote.uuidString })
        #expect(ben.resyncs == 2)
        #expect(ben.audioFrames == 4 && ben.lateFrames == 0 && ben.concealedFrames == 0)
        let wav = try [UInt8](Data(contentsOf: directory.appendingPathComponent(try #require(ben.audioFile))))
        #expect(wav.count == 44 + 148_800 * 4, "3.1 s of stereo 16-bit: nothing written for the jump")
        func sample(atFrame frame: Int) -> Int16 {
            let offset = 44 + frame * 4
            return Int16(bitPattern: UInt16(wav[offset]) | UInt16(wav[offset + 1]) << 8)
        }
        #expect(sample(atFrame: 480) == 0, "silence during the pause")
        #expect(abs(Int(sample(atFrame: 144_480)) - 1000) <= 1, "the frame after the pause where it arrived (3.010 s)")
    }

    @Test("A frame-size change continues the track sample-exact, whichever media clock the form carries; the old size's straggler is late",
          arguments: [false, true])
    func frameSizeChange(compact: Bool) async throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let remote = UUID()
        let recorder = try SessionRecorder(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: UUID(), localName: "Ana")
        // The sender's stream is some minutes old: its sequence is past 10,000.
        let base: UInt32 = 10_000
        func frame(_ index: UInt32, samples: Int) throws -> AudioFrame {
            // 5 ms frames 0-3, then 10 ms from 4: the full form's timestamp runs on (+240 per frame, then
            // +480), the compact form's is sequence × 480 from the change.
            let sequence = base + index
            let timestamp = index < 4 ? sequence * 240 : (compact ? sequence * 480 : (base + 4) * 240 + (index - 4) * 480)
            let payload = Array([[UInt8]](repeating: [0xE8, 0x03, 0xE8, 0x03], count: samples).joined())
            return try AudioFrame(sequence: sequence, timestamp: timestamp, codec: .pcm16(channels: 2), payload: payload)
        }
        for sequence in UInt32(0)..<3 {
            recorder.record(.remoteAudio(from: remote, frame: try frame(sequence, samples: 240), at: 5_000 * Int64(sequence + 1)))
        }
        // The first 10 ms frame comes 0.8 ms late (jitter), and 3 after it (reordered).
        recorder.record(.remoteAudio(from: remote, frame: try frame(4, samples: 480), at: 30_800))
        recorder.record(.remoteAudio(from: remote, frame: try frame(3, samples: 240), at: 31_000))
        recorder.record(.remoteAudio(from: remote, frame: try frame(5, samples: 480), at: 40_000))
        recorder.record(.remoteAudio(from: remote, frame: try frame(6, samples: 480), at: 50_000))
        // The sender starts again from sequence 0 (a fresh engine) at 5 ms, its frame arriving at 2.005 s:
        // far behind by sequence, so it is placed by its arrival, not taken for a straggler.
        let restart = try AudioFrame(sequence: 0, timestamp: 0, codec: .pcm16(channels: 2),
                                     payload: Array([[UInt8]](repeating: [0xE8, 0x03, 0xE8, 0x03], count: 240).joined()))
        recorder.record(.remoteAudio(from: remote, frame: restart, at: 2_005_000))
        let index = try await recorder.finish(at: 2_010_000)
        let ben = try #require(index.participants.first { $0.id == remote.uuidString })
        #expect(ben.resyncs == 1)
        #expect(ben.audioFrames == 7 && ben.lateFrames == 1 && ben.concealedFrames == 1)
        let wav = try [UInt8](Data(contentsOf: directory.appendingPathComponent(try #require(ben.audioFile))))
        func sample(atFrame frame: Int) -> Int16 {
            let offset = 44 + frame * 4
            return Int16(bitPattern: UInt16(wav[offset]) | UInt16(wav[offset + 1]) << 8)
        }
        // 0-719 frames 0-2, 720-959 the slot of 3 (silence: PCM has no concealment), 960-2399 frames 4-6.
        #expect((0..<720).allSatisfy { sample(atFrame: $0) == 1000 })
        #expect((720..<960).allSatisfy { sample(atFrame: $0) == 0 })
        #expect((960..<2400).allSatisfy { sample(atFrame: $0) == 1000 }, "no gap at the change, nothing out of order")
        #expect(sample(atFrame: 2400) == 0)
        #expect(sample(atFrame: 95_999) == 0 && sample(atFrame: 96_000) == 1000, "the restarted sender at 2.000 s")
    }

    @Test("A directory that holds files is refused: a recording never overwrites")
    func refusesNonEmptyDirectory() throws {
        let directory = try createdScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(FileManager.default.createFile(atPath: directory.appendingPathComponent("take1.wav").path, contents: Data([1])))
        #expect(throws: RecordingError.self) {
            _ = try SessionRecorder(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: UUID(), localName: "Ana")
        }
    }
}
