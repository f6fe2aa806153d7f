import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a whole file so that a reader, after a crash or a power cut, finds either the old
/// contents or the new, never a mix: written to a hidden temporary beside it, synced, renamed
/// over it (`rename(2)` is atomic within a directory), and the directory synced so the rename
/// itself is durable.
enum DurableFile {
    /// Writes `bytes` as `name` in `directory`; a temporary `.NAME.tmp` is left only by a crash
    /// in the middle.
    static func replace(_ name: String, in directory: URL, with bytes: [UInt8]) throws(RecordingError) {
        let target = directory.appendingPathComponent(name).path
        let temporary = directory.appendingPathComponent(".\(name).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(name, "open \(temporary)") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let error = failure(name, "write")
                close(descriptor)
                throw error
            }
            written += count
        }
        guard fdatasync(descriptor) == 0 else {
            let error = failure(name, "fdatasync")
            close(descriptor)
            throw error
        }
        close(descriptor)
        guard rename(temporary, target) == 0 else { throw failure(name, "rename") }
        let folder = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw failure(name, "open the directory") }
        defer { close(folder) }
        guard fsync(folder) == 0 else { throw failure(name, "fsync the directory") }
    }

    /// The error for `step`, with `errno` in words.
    private static func failure(_ name: String, _ step: String) -> RecordingError {
        .write(file: name, reason: "\(step): \(String(cString: strerror(errno)))")
    }
}
