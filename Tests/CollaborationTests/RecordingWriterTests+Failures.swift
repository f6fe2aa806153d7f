import Dispatch
import Foundation
import RTCBase
import Synchronization
import Testing

@testable import Collaboration

/// A disk that fails for a moment, fails for good, or stalls.
extension RecordingWriterTests {
    /// Blocks `session.mid` from being replaced, as a moment of a full disk would: a non-empty
    /// directory of that name makes the rename fail (even for root, unlike a read-only mode).
    func blockMIDI(in directory: URL) throws {
        let blocker = directory.appendingPathComponent("session.mid")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
        #expect(FileManager.default.createFile(atPath: blocker.appendingPathComponent("x").path, contents: Data()))
    }

    func index(in directory: URL) throws -> RecordingIndex {
        try JSONDecoder().decode(RecordingIndex.self, from: Data(contentsOf: directory.appendingPathComponent("index.json")))
    }

    @Test("A MIDI rewrite that fails for a moment is tried again at the next checkpoint; nothing is lost and no error stays")
    func midiSurvivesTransientFailure() throws {
        let directory = try createdScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = UUID()
        let writer = RecordingWriter(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: local, localName: "Ana")
        let url = directory.appendingPathComponent("session.mid")
        try blockMIDI(in: directory)
        writer.handle(.midi(from: local, events: [try MIDIEvent(timestamp: 1_000, bytes: [0x90, 60, 100])]))
        writer.checkpoint()
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue, "the write failed")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(".session.mid.tmp").path),
                "a failed replace removes its temporary")

        try FileManager.default.removeItem(at: url)  // the disk has room again
        writer.checkpoint()
        var tracks = try #require(RecordedFile.midiTracks(try [UInt8](Data(contentsOf: url))), "rewritten at the next checkpoint")
        #expect(tracks[1].contains(0x90))

        // A second moment, and new events after it: the end writes them all.
        try FileManager.default.removeItem(at: url)
        try blockMIDI(in: directory)
        writer.handle(.midi(from: local, events: [try MIDIEvent(timestamp: 2_000, bytes: [0x80, 60, 0])]))
        writer.checkpoint()
        try FileManager.default.removeItem(at: url)
        let index = writer.finish(at: 3_000_000)
        tracks = try #require(RecordedFile.midiTracks(try [UInt8](Data(contentsOf: url))))
        #expect(tracks[1].contains(0x90) && tracks[1].contains(0x80), "both events, though two rewrites failed")
        #expect(index.errors.isEmpty, "the failures were passing: \(index.errors)")
        #expect(try self.index(in: directory).complete)
    }

    @Test("A MIDI file or an index that cannot be written at the end is an error in the index returned")
    func finalWriteFailuresReported() throws {
        let directory = try createdScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = UUID()
        let failing = Mutex<Set<String>>([])
        let writer = RecordingWriter(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: local, localName: "Ana") {
            name, directory, bytes throws(RecordingError) in
            if failing.withLock({ $0.contains(name) }) { throw .write(file: name, reason: "injected") }
            try DurableFile.replace(name, in: directory, with: bytes)
        }
        writer.handle(.midi(from: local, events: [try MIDIEvent(timestamp: 1_000, bytes: [0x90, 60, 100])]))
        failing.withLock { $0 = ["session.mid", "index.json"] }
        let index = writer.finish(at: 1_000_000)
        #expect(index.complete)
        #expect(index.errors == ["recording file session.mid: injected", "recording file index.json: injected"])
        #expect(!(try self.index(in: directory).complete), "the file on the disk is still the first, incomplete one")
    }

    @Test("A stalled disk holds up neither the start of a recording nor the threads that run tasks")
    func stalledDiskStaysOffThePool() async throws {
        // More recorders than the cooperative pool has threads, each stuck in its first index.
        let count = ProcessInfo.processInfo.activeProcessorCount + 2
        let disk = DispatchSemaphore(value: 0)
        let stuck = Atomic<Int>(0)
        let threads = Mutex<Set<String>>([])
        var recorders: [SessionRecorder] = []
        var directories: [URL] = []
        defer { for directory in directories { try? FileManager.default.removeItem(at: directory) } }
        for _ in 0..<count {
            let directory = scratchDirectory()
            directories.append(directory)
            recorders.append(try SessionRecorder(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: UUID(),
                                                 localName: "Ana") { name, directory, bytes throws(RecordingError) in
                threads.withLock { _ = $0.insert(Thread.current.name ?? "") }
                if name == "index.json", stuck.add(1, ordering: .relaxed).newValue <= count { disk.wait() }
                try DurableFile.replace(name, in: directory, with: bytes)
            })
        }
        // Every recorder started while its disk was stuck; now tasks must still run.
        let ran = await withTaskGroup(of: Int.self) { group in
            for value in 0..<(2 * count) { group.addTask { value } }
            return await group.reduce(0) { count, _ in count + 1 }
        }
        #expect(ran == 2 * count)
        for _ in 0..<count { disk.signal() }
        for recorder in recorders {
            let index = try await recorder.finish(at: 1_000_000)
            #expect(index.complete && index.errors.isEmpty)
        }
        #expect(threads.withLock { $0 } == ["collab.recorder"], "every file written on the recorder's own thread")
    }

    @Test("A stop whose disk hangs returns within its deadline with an error saying what is not written; the files are completed once the disk answers")
    func finishOnHungDiskIsBounded() async throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let disk = DispatchSemaphore(value: 0)
        let hung = Mutex(false)
        let stuck = OnceGate<Void>()
        let local = UUID()
        let recorder = try SessionRecorder(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: local,
                                           localName: "Ana") { name, directory, bytes throws(RecordingError) in
            // The MIDI file is the first replaced at the end: the disk hangs there, once.
            if name == "session.mid", hung.withLock({ $0 }) {
                _ = stuck.finish(.success(()))
                disk.wait()
            }
            try DurableFile.replace(name, in: directory, with: bytes)
        }
        recorder.record(.chat(from: local, text: "before the hang", at: 500_000))
        hung.withLock { $0 = true }
        // The end is asked for without waiting; once the writer is held in session.mid, the
        // stop's deadline fires at once: no wall-clock time decides what it sees.
        recorder.requestEnd(at: 1_000_000)
        try await withTimeout(.seconds(30), "the writer reaches session.mid") { try await stuck.wait().get() }
        let error = await #expect(throws: RecordingError.self) {
            try await recorder.finish(at: 1_000_000, within: .seconds(10)) { _, fire in fire() }
        }
        guard case .unfinished(_, _, let step, _, let last)? = error else {
            Issue.record("not an unfinished recording: \(String(describing: error))")
            disk.signal()
            return
        }
        #expect(last?.complete == false, "the error's own index says it is incomplete")
        #expect(step == "session.mid", "it says where the writer stuck")
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("session.mid") && text.contains("index.json") && text.contains("not known to be written"))
        let partial = recorder.incompleteIndex(after: try #require(error))
        #expect(!partial.complete && partial.errors.first == text)

        // An engine whose stop gave up on this recorder (as `stopRecording` leaves it): a wait for
        // the end that is cancelled returns at once, the writer still held.
        let engine = CollaborationEngine(configuration: EngineConfiguration(signalingURL: "ws://127.0.0.1:9/ws", displayName: "Ana"))
        engine.unfinishedRecorder.withLock { $0 = recorder }
        let abandoned = Task { await engine.finishedRecording() }
        abandoned.cancel()
        #expect(await abandoned.value == nil)

        // The disk answers: nothing was dropped, the writer completes the recording, which the
        // engine's wait returns.
        let waiting = Task { await engine.finishedRecording() }
        disk.signal()
        let waited = await waiting.value
        #expect(waited?.complete == true && waited?.errors.isEmpty == true)
        #expect(await engine.finishedRecording() == nil, "nothing left to wait for")
        await engine.close()
        let index = try await recorder.finish(at: 1_000_000)
        #expect(index.complete && index.errors.isEmpty)
        #expect(try self.index(in: directory).complete)
        let chat = try String(contentsOf: directory.appendingPathComponent("chat.txt"), encoding: .utf8)
        #expect(chat.contains("before the hang"))
    }

    @Test("A stop from a cancelled task (the demo's play after Ctrl-C) still waits for a well disk and ends the recording")
    func finishIgnoresCancellation() async throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = UUID()
        let recorder = try SessionRecorder(directory: directory, startClock: 0, startedAt: Self.startedAt, localID: local, localName: "Ana")
        recorder.record(.chat(from: local, text: "hello", at: 500_000))
        let stop = Task { () -> RecordingIndex? in
            withUnsafeCurrentTask { $0?.cancel() }
            return try? await recorder.finish(at: 1_000_000)
        }
        let index = await stop.value
        #expect(index?.complete == true && index?.errors.isEmpty == true)
    }

    @Test("An index written before `complete` existed reads as incomplete")
    func indexWithoutCompleteReadsIncomplete() throws {
        let json = """
            {"bioFile":"bio.csv","channels":2,"chatFile":"chat.txt","droppedItems":0,"durationSeconds":1.5,"errors":[],
             "format":1,"midiFile":"session.mid","participants":[],"sampleRate":48000,"startClock":0,
             "startedAt":"2027-01-15T08:00:00Z"}
            """
        let index = try JSONDecoder().decode(RecordingIndex.self, from: Data(json.utf8))
        #expect(!index.complete && index.durationSeconds == 1.5)
    }
}
