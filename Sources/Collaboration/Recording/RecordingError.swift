/// Why a recording could not start or lost part of what it wrote.
public enum RecordingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The directory could not be made, or it is not empty (a recording never overwrites one).
    case directory(path: String, reason: String)
    /// A file could not be created or written (disk full, permissions); the recording stops
    /// writing that file and says so in its index.
    case write(file: String, reason: String)
    /// `startRecording` while a recording runs.
    case alreadyRecording
    /// The recording's end was not written within `after` (a hung disk): `stuckAt` is what the
    /// recorder's thread was writing or syncing, `queued` the items it had not yet taken or was
    /// still writing, and `index` its figures at its last index update (with `complete` false). The files hold what the last checkpoint made
    /// durable; the thread goes on and completes them if the disk recovers.
    case unfinished(directory: String, after: Duration, stuckAt: String, queued: Int, index: RecordingIndex?)

    public var description: String {
        switch self {
        case .directory(let path, let reason): "recording directory \(path): \(reason)"
        case .write(let file, let reason): "recording file \(file): \(reason)"
        case .alreadyRecording: "already recording; stop the running recording first"
        case .unfinished(let directory, let after, let step, let queued, _):
            "recording \(directory) not finished after \(after) (the disk did not answer; stuck at: \(step)); not known to be written: "
                + (queued > 0 ? "\(queued) items queued or being written, " : "")
                + "the end (every WAV's final length, session.mid, the complete index.json); the files hold what their last "
                + "checkpoint wrote, and the recorder's thread completes them if the disk recovers"
        }
    }
}
