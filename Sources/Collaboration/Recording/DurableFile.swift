import Foundation
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Replaces a whole file so that a reader, after a crash or a power cut, finds either the old
/// contents or the new, never a mix: written to a hidden temporary beside it, synced, renamed
/// over it (`rename(2)` is atomic within a directory), and the directory synced so the rename
/// itself is durable.
enum DurableFile {
    /// Writes `bytes` as `name` in `directory`. A temporary `.NAME.tmp` is left only by a crash in
    /// the middle; on an error it is removed and the old file stays as it was.
    static func replace(_ name: String, in directory: URL, with bytes: [UInt8]) throws(RecordingError) {
        let target = directory.appendingPathComponent(name).path
        let temporary = directory.appendingPathComponent(".\(name).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DiskSync.failure(name, "open \(temporary)") }
        do throws(RecordingError) {
            defer { close(descriptor) }
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
                if count < 0, errno == EINTR { continue }
                if count < 0 { throw DiskSync.failure(name, "write") }
                // A regular file never takes nothing without an error: errno would be stale here.
                guard count > 0 else { throw .write(file: name, reason: "write: no bytes written") }
                written += count
            }
            try DiskSync.data(descriptor, file: name)
            guard rename(temporary, target) == 0 else { throw DiskSync.failure(name, "rename") }
        } catch {
            unlink(temporary)
            throw error
        }
        try DiskSync.directory(directory.path, file: name)
    }
}
