public import Foundation
import Logging
import Synchronization

extension CollaborationEngine {
    /// Starts recording what this session hears into `directory` (created; it must not exist or
    /// be empty): a WAV per participant (ours included), a MIDI file with a track per
    /// participant, bio samples as CSV, the chat, and `index.json`, all on ``now()``'s clock
    /// (docs/RECORDING.md). Every participant is told (``Participant/isRecording``), because bio
    /// data leaves its end-to-end seal in the recording. Disk writes run on a thread of their own;
    /// this call makes only the directory.
    ///
    /// - Throws: `notInSession`, `recording(.alreadyRecording)`, `recording(.directory)`.
    public func startRecording(to directory: URL) throws(EngineError) {
        guard case let (localID, peers)? = core.withLock({ core in core.room.map { ($0.localID, core.participants) } }) else {
            throw .notInSession
        }
        // Refused before anything is written: a second recording would leave files behind.
        guard recorder.withLock({ $0 == nil }) else { throw .recording(.alreadyRecording) }
        let made: SessionRecorder
        do throws(RecordingError) {
            made = try SessionRecorder(directory: directory, startClock: clock(), startedAt: Date(), localID: localID,
                                       localName: configuration.displayName, logger: logger)
        } catch {
            throw .recording(error)
        }
        let installed = recorder.withLock { current -> Bool in
            guard current == nil else { return false }
            current = made
            return true
        }
        guard installed else {
            Task { _ = try? await made.finish(at: clock()) }
            throw .recording(.alreadyRecording)
        }
        for participant in peers where !participant.isLocal {
            made.record(.participant(id: participant.id, name: participant.name, local: false))
        }
        do {
            try withCore { core throws(EngineError) in try core.setRecording(true) }
        } catch {
            recorder.withLock { $0 = nil }
            Task { _ = try? await made.finish(at: clock()) }
            throw error
        }
        logger.info("recording", metadata: ["directory": "\(directory.path)"])
    }

    /// Whether a recording runs.
    public var isRecording: Bool { recorder.withLock { $0 != nil } }

    /// Stops the recording: tells everyone, writes what is queued, pads every WAV to now, writes
    /// the MIDI file and the index. `nil` when nothing was recording. ``leave()`` and ``close()``
    /// stop it too.
    ///
    /// Bounded: when the disk does not answer within `EngineConfiguration.recordingFinishTimeout`
    /// (10 s by default), it returns an index with `complete` false, the figures of its last update
    /// and, first in `errors`, what is not known to be written
    /// (``RecordingError/unfinished(directory:after:stuckAt:queued:index:)``); the recorder's
    /// thread goes on and completes the files if the disk recovers, which
    /// ``finishedRecording()`` waits for.
    public func stopRecording() async -> RecordingIndex? {
        guard let running = recorder.withLock({ current -> SessionRecorder? in
            defer { current = nil }
            return current
        }) else { return nil }
        let end = clock()
        try? withCore { core throws(EngineError) in try core.setRecording(false) }
        do {
            let index = try await running.finish(at: end, within: configuration.recordingFinishTimeout)
            logger.info("recording finished", metadata: ["directory": "\(running.directory.path)",
                                                        "seconds": "\(index.durationSeconds)",
                                                        "errors": "\(index.errors.count)"])
            return index
        } catch {
            // Kept so that a caller can still wait for the disk to take the end; the recorder
            // has logged "recording not finished" with the error.
            unfinishedRecorder.withLock { $0 = running }
            return running.incompleteIndex(after: error)
        }
    }

    /// After a ``stopRecording()`` whose index says the recording is unfinished: waits, with no
    /// deadline, for the recorder's thread to write the end once the disk answers, and returns the
    /// final index (`complete` unless a write failed). `nil` when no stop gave up, or when the
    /// calling task is cancelled first (the thread goes on regardless). Works after ``close()``;
    /// a process that exits before this returns leaves the files as a crash does.
    public func finishedRecording() async -> RecordingIndex? {
        guard let running = unfinishedRecorder.withLock({ $0 }) else { return nil }
        guard let index = await running.waitForEnd() else { return nil }
        unfinishedRecorder.withLock { if $0 === running { $0 = nil } }
        logger.info("recording finished after its stop gave up", metadata: ["directory": "\(running.directory.path)",
                                                                            "errors": "\(index.errors.count)"])
        return index
    }

    /// What the recorder keeps of an event the application is told about.
    func record(_ event: EngineEvent, into recorder: SessionRecorder) {
        switch event {
        case .participantJoined(let participant), .participantUpdated(let participant):
            recorder.record(.participant(id: participant.id, name: participant.name, local: participant.isLocal))
        case .audio(let from, let frame):
            recorder.record(.remoteAudio(from: from, frame: frame, at: clock()))
        case .midi(let from, let events):
            recorder.record(.midi(from: from, events: events))
        case .bio(let from, let sample):
            recorder.record(.bio(from: from, sample: sample, at: clock()))
        case .chat(let from, let text):
            recorder.record(.chat(from: from, text: text, at: clock()))
        case .connectionState, .participantLeft, .hostChanged, .control, .error:
            break
        }
    }
}
