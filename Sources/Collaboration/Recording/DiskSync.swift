#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Getting written bytes onto the disk, and saying in words why that failed.
///
/// Linux's `fdatasync` flushes the file's data (and the metadata needed to read it, such as its
/// length) through the drive's write cache. Darwin declares no `fdatasync`, and its `fsync` only
/// hands the data to the drive, whose cache a power cut may lose: `fcntl(F_FULLFSYNC)` is the call
/// that flushes it (Apple's fsync(2) man page). Some file systems (network ones, FAT) refuse
/// F_FULLFSYNC; for those `fsync` is the best there is.
enum DiskSync {
    /// Makes what was written to `descriptor` durable, its data and the length a reader needs.
    static func data(_ descriptor: Int32, file: String) throws(RecordingError) {
        #if canImport(Darwin)
        if fcntl(descriptor, F_FULLFSYNC) == 0 { return }
        guard fsync(descriptor) == 0 else { throw failure(file, "fsync") }
        #else
        guard fdatasync(descriptor) == 0 else { throw failure(file, "fdatasync") }
        #endif
    }

    /// Makes a directory's entries durable (a rename in it, a file made in it).
    static func directory(_ path: String, file: String) throws(RecordingError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(file, "open the directory") }
        defer { close(descriptor) }
        #if canImport(Darwin)
        if fcntl(descriptor, F_FULLFSYNC) == 0 { return }
        #endif
        guard fsync(descriptor) == 0 else { throw failure(file, "fsync the directory") }
    }

    /// The error for `step` on `file`, with `errno` in words: call it before anything else can
    /// change `errno` (`close` included).
    static func failure(_ file: String, _ step: String) -> RecordingError {
        .write(file: file, reason: "\(step): \(String(cString: strerror(errno)))")
    }
}
