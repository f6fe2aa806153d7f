import Foundation
import Logging
import Synchronization

/// Records what a session heard into a directory (docs/RECORDING.md): a WAV per participant, a
/// MIDI file, bio samples as CSV, the chat, and `index.json`.
///
/// The engine hands items over without waiting (a bounded queue; what does not fit is counted,
/// never blocks the network or audio path) and one task decodes and writes them. Another asks
/// that task for a checkpoint every ``checkpointInterval``, so a process killed outright leaves
/// files that open (``RecordingWriter/checkpoint()``).
final class SessionRecorder: Sendable {
    /// Items waiting for the disk; beyond this, new ones are dropped and counted.
    static let queueLimit = 8_192
    /// How much a kill may lose (plus what is still queued).
    static let checkpointInterval = Duration.seconds(1)

    let directory: URL
    private let continuation: AsyncStream<RecordingItem>.Continuation
    private let writer: Task<RecordingIndex, Never>
    private let ticker: Task<Void, Never>
    private let shared = Shared()

    /// What the engine's threads and the writer task both touch.
    private final class Shared: Sendable {
        let dropped = Atomic<Int>(0)
        let end = Mutex<Int64?>(nil)
    }

    /// Makes `directory` (it must not exist, or be empty), writes its first files (an index that
    /// says the recording is not complete) and starts the writer.
    ///
    /// - Throws: ``RecordingError/directory(path:reason:)``.
    init(directory: URL, startClock: Int64, localID: UUID, localName: String,
         logger: Logger = Logger(label: "collab.recording")) throws(RecordingError) {
        let path = directory.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .directory(path: path, reason: "is a file") }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            guard contents.isEmpty else { throw .directory(path: path, reason: "is not empty (a recording never overwrites)") }
        } else {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .directory(path: path, reason: "cannot create: \(error.localizedDescription)")
            }
        }
        guard FileManager.default.isWritableFile(atPath: path) else { throw .directory(path: path, reason: "not writable") }
        self.directory = directory
        let (stream, continuation) = AsyncStream.makeStream(of: RecordingItem.self, bufferingPolicy: .bufferingOldest(Self.queueLimit))
        self.continuation = continuation
        let shared = self.shared
        // Made here, not in the task: a recording killed at once still leaves its index.
        let files = RecordingWriter(directory: directory, startClock: startClock, localID: localID, localName: localName, logger: logger)
        writer = Task.detached(priority: .utility) {
            for await item in stream { files.handle(item) }
            return files.finish(at: shared.end.withLock { $0 } ?? startClock, dropped: shared.dropped.load(ordering: .relaxed))
        }
        ticker = Task.detached(priority: .utility) {
            while (try? await Task.sleep(for: Self.checkpointInterval)) != nil {
                if case .terminated = continuation.yield(.checkpoint(dropped: shared.dropped.load(ordering: .relaxed))) { return }
            }
        }
    }

    deinit { ticker.cancel() }

    /// Queues `item` for the writer; never waits.
    func record(_ item: RecordingItem) {
        if case .dropped = continuation.yield(item) {
            shared.dropped.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// Stops taking items, writes what is queued, pads the audio to `clock` and writes the index.
    func finish(at clock: Int64) async -> RecordingIndex {
        shared.end.withLock { $0 = $0 ?? clock }
        ticker.cancel()
        continuation.finish()
        return await writer.value
    }
}
