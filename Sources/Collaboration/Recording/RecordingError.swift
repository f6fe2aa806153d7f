/// Why a recording could not start or lost part of what it wrote.
public enum RecordingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The directory could not be made, or it is not empty (a recording never overwrites one).
    case directory(path: String, reason: String)
    /// A file could not be created or written (disk full, permissions); the recording stops
    /// writing that file and says so in its index.
    case write(file: String, reason: String)
    /// `startRecording` while a recording runs.
    case alreadyRecording

    public var description: String {
        switch self {
        case .directory(let path, let reason): "recording directory \(path): \(reason)"
        case .write(let file, let reason): "recording file \(file): \(reason)"
        case .alreadyRecording: "already recording; stop the running recording first"
        }
    }
}
