import Dispatch
import Foundation
import Logging

/// Records what a session heard into a directory (docs/RECORDING.md): a WAV per participant, a
/// MIDI file, bio samples as CSV, the chat, and `index.json`.
///
/// The engine hands items over without waiting (a bounded ``RecordingQueue``; what does not fit
/// is counted, never blocks the network or audio path). A thread of the recorder's own, not one
/// of Swift's cooperative pool (which also runs the engine's tasks), decodes and writes them and
/// takes a checkpoint every ``checkpointInterval``, so a process killed outright leaves files that
/// open (``RecordingWriter/checkpoint()``): those syncs may block for as long as the disk likes.
final class SessionRecorder: Sendable {
    /// Items waiting for the disk; beyond this, new ones are dropped and counted.
    static let queueLimit = 8_192
    /// How much a kill may lose (plus what is still queued), unless the caller says otherwise.
    static let checkpointInterval = Duration.seconds(1)
    /// How long ``finish(at:within:expire:)`` waits for the disk unless told otherwise: far more than a
    /// working disk needs to end a recording, so only a hung one (a dead network mount, a failing
    /// drive) reaches it.
    static let finishTimeout = Duration.seconds(10)

    let directory: URL
    private let startClock: Int64
    private let startedAt: Date
    private let logger: Logger
    private let queue = RecordingQueue(limit: SessionRecorder.queueLimit)

    /// Makes `directory` (it must not exist, or be empty) and starts the writer thread, which
    /// writes the first files (an index that says the recording is not complete) at once.
    ///
    /// Only the directory is made here, so that a caller learns at once whether the recording
    /// can start; every file and every sync is left to the writer thread.
    ///
    /// - Parameters:
    ///   - startedAt: the wall-clock start written to the index.
    ///   - checkpointInterval: how often the writer takes a checkpoint.
    ///   - replace: how the MIDI file and the index are replaced (a test makes it fail).
    /// - Throws: ``RecordingError/directory(path:reason:)``.
    init(directory: URL, startClock: Int64, startedAt: Date, localID: UUID, localName: String,
         checkpointInterval: Duration = SessionRecorder.checkpointInterval,
         logger: Logger = Logger(label: "collab.recording"),
         replace: @escaping @Sendable (String, URL, [UInt8]) throws(RecordingError) -> Void = DurableFile.replace) throws(RecordingError) {
        try Self.makeEmpty(directory)
        self.directory = directory
        self.startClock = startClock
        self.startedAt = startedAt
        self.logger = logger
        let queue = self.queue
        let interval = DispatchTimeInterval.nanoseconds(Int(checkpointInterval / .nanoseconds(1)))
        NamedThread.start(name: "collab.recorder") {
            // The writer lives and dies inside `run`: once `finished` hands the index over, the
            // files are closed and nothing of the recording is left on this thread.
            let index = Self.run(queue: queue, interval: interval) {
                RecordingWriter(directory: directory, startClock: startClock, startedAt: startedAt, localID: localID,
                                localName: localName, logger: logger, replace: replace)
            }
            if queue.finished(with: index) {
                logger.notice("recording finished after all, past the deadline its stop waited for: its files are complete",
                              metadata: ["directory": "\(directory.path)", "errors": "\(index.errors.count)"])
            }
        }
    }

    /// A recorder dropped without ``finish(at:)`` still closes its files and writes a complete index.
    deinit { requestEnd(at: startClock) }

    /// Queues `item` for the writer; never waits.
    func record(_ item: RecordingItem) {
        queue.push(item)
    }

    /// Stops taking items, writes what is queued, pads the audio to `clock` and writes the index;
    /// returns once the writer thread is done. Later calls return the same index.
    ///
    /// - Parameter expire: arms the deadline (a test fires it when it likes).
    /// - Throws: ``RecordingError/unfinished(directory:after:stuckAt:queued:index:)`` when the
    ///   writer is not done within `timeout` (a hung disk), logged
    ///   here: what it says was not written stays on the writer thread, which goes on and completes
    ///   the files if the disk recovers (a later call then returns the index).
    func finish(at clock: Int64, within timeout: Duration = SessionRecorder.finishTimeout,
                expire: @Sendable (Duration, @escaping @Sendable () -> Void) -> Void = RecordingQueue.after) async throws(RecordingError) -> RecordingIndex {
        if let index = await queue.finish(at: clock, within: timeout, expire: expire) { return index }
        let progress = queue.progress
        // Done between the deadline and now: nothing is missing after all.
        if let index = progress.result { return index }
        var last = progress.index
        last?.complete = false
        let error = RecordingError.unfinished(directory: directory.path, after: timeout, stuckAt: progress.step,
                                              queued: progress.queued, index: last)
        logger.error("recording not finished: the disk did not answer in time",
                     metadata: ["directory": "\(directory.path)", "error": "\(error)"])
        throw error
    }

    /// Stops taking items and has the writer end at `clock`, without waiting for it.
    func requestEnd(at clock: Int64) {
        queue.stop(at: clock)
    }

    /// After a ``finish(at:within:expire:)`` that gave up: waits, with no deadline, for the writer
    /// to write the end; `nil` if the calling task is cancelled first.
    func waitForEnd() async -> RecordingIndex? {
        await queue.finish(at: startClock, within: nil)
    }

    /// The index to hand out after a finish that gave up with `error`: the writer's figures at
    /// its last index update (none if it never got that far), marked incomplete, `error` first
    /// among its errors.
    func incompleteIndex(after error: RecordingError) -> RecordingIndex {
        var index: RecordingIndex
        if case .unfinished(_, _, _, _, let last?) = error {
            index = last
        } else {
            index = RecordingIndex(
                format: 1, complete: false, startedAt: ISO8601DateFormatter().string(from: startedAt), startClock: startClock,
                durationSeconds: 0, sampleRate: RecordingWriter.sampleRate, channels: RecordingWriter.channels, participants: [],
                midiFile: "session.mid", bioFile: "bio.csv", chatFile: "chat.txt", droppedItems: 0, errors: [])
        }
        index.complete = false
        index.errors.insert("\(error)", at: 0)
        return index
    }

    /// The writer thread's loop: items as they come, a checkpoint whenever `interval` has passed
    /// since the last (between batches, so it covers everything taken before it), the end when
    /// asked for.
    private static func run(queue: RecordingQueue, interval: DispatchTimeInterval, writer make: () -> RecordingWriter) -> RecordingIndex {
        let files = make()
        files.working = { queue.working(on: $0) }
        files.updated = { queue.updated($0) }
        queue.updated(files.index(complete: false))
        var due = DispatchTime.now() + interval
        while true {
            let batch = queue.take(until: due)
            if !batch.items.isEmpty {
                queue.handling(batch.items.count)
                queue.working(on: "writing \(batch.items.count) queued items")
            }
            for item in batch.items { files.handle(item) }
            if !batch.items.isEmpty { queue.handling(0) }
            files.dropped = batch.dropped
            if let end = batch.stop { return files.finish(at: end) }
            if DispatchTime.now() >= due {
                files.checkpoint()
                due = DispatchTime.now() + interval
            }
        }
    }

    /// Makes `directory`, or checks that it is an empty, writable one.
    private static func makeEmpty(_ directory: URL) throws(RecordingError) {
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
    }
}
