import Foundation
import RTCTestSupport
import Testing

@testable import Collaboration

/// `collab demo --record` killed with SIGKILL mid-session, then its files read as a player would.
@Suite("A recording killed outright", .timeLimit(.minutes(2)))
struct RecordingKillTests {
    /// Bytes of one second of the recording's audio (48 kHz, 16-bit stereo).
    static let secondBytes = 48_000 * 4

    @Test("After SIGKILL every WAV's sizes lie within the file, the MIDI file parses and the index says incomplete")
    func killedDemoLeavesReadableFiles() async throws {
        let collab = ChildProcess.builtExecutable("collab")
        try #require(FileManager.default.isExecutableFile(atPath: collab.path), "build collab first: \(collab.path)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("collab-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let directory = scratch.appendingPathComponent("take")
        let log = scratch.appendingPathComponent("demo.log").path
        let demo = try ChildProcess([collab.path, "demo", "--guests", "1", "--seconds", "120", "--midi-rate", "20",
                                     "--record", directory.path], output: .file(log))
        defer { demo.stop(SIGKILL, grace: 0) }

        // Bounded poll on the files themselves: both participants' audio past a second in the
        // headers (so checkpoints ran) and a MIDI file.
        let deadline = ContinuousClock.now + .seconds(60)
        var ready = false
        while !ready, ContinuousClock.now < deadline, demo.isRunning {
            ready = Self.showsData(directory)
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        let output = { (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.suffix(3_000)) } ?? "" }
        try #require(ready, "the recording never showed a second of audio from both participants; the demo printed:\n\(output())")

        kill(demo.pid, SIGKILL)
        #expect(await demo.exitCode(within: 10) == 128 + SIGKILL)

        let index = try JSONDecoder().decode(RecordingIndex.self, from: Data(contentsOf: directory.appendingPathComponent("index.json")))
        #expect(!index.complete)
        #expect(index.participants.count == 2 && index.errors.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let wavs = names.filter { $0.hasSuffix(".wav") }
        #expect(wavs.count == 2)
        for name in wavs {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            let sizes = try #require(RecordedFile.wavSizes(bytes), "\(name): no WAV header")
            #expect(sizes.riff == sizes.data + 36 && sizes.data % 4 == 0 && sizes.data >= Self.secondBytes, "\(name): \(sizes)")
            #expect(44 + Int(sizes.data) <= bytes.count, "\(name): the header claims more than the file holds")
            // Past the data chunk: at most what was written since the last checkpoint.
            #expect(bytes.count - 44 - Int(sizes.data) <= 5 * Self.secondBytes, "\(name): \(bytes.count) bytes, header \(sizes.data)")
            if let listed = index.participants.first(where: { $0.audioFile == name }) {
                #expect(Int(listed.audioSeconds * Double(Self.secondBytes)) <= Int(sizes.data), "the index is not ahead of the file")
            }
        }
        let tracks = try #require(RecordedFile.midiTracks(try [UInt8](Data(contentsOf: directory.appendingPathComponent(index.midiFile)))))
        #expect(tracks.count == 3, "tempo and a track per participant")
    }

    /// Whether the index names two participants whose WAVs' headers hold a second of audio, and
    /// a MIDI file exists.
    static func showsData(_ directory: URL) -> Bool {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("index.json")),
              let index = try? JSONDecoder().decode(RecordingIndex.self, from: data),
              FileManager.default.fileExists(atPath: directory.appendingPathComponent(index.midiFile).path) else { return false }
        let files = index.participants.compactMap(\.audioFile)
        guard files.count == 2 else { return false }
        return files.allSatisfy { file in
            guard let handle = FileHandle(forReadingAtPath: directory.appendingPathComponent(file).path) else { return false }
            defer { try? handle.close() }
            guard let header = try? handle.read(upToCount: 44), let sizes = RecordedFile.wavSizes([UInt8](header)) else { return false }
            return sizes.data >= secondBytes
        }
    }
}
