#if canImport(Glibc)
import Glibc
#endif

/// This process's resident set size in bytes, from /proc/self/statm (0 where unavailable): the
/// leak checks of the tests and the memory figures of `collab demo` and the benchmarks.
public func residentBytes() -> Int {
    #if canImport(Glibc)
    let fd = open("/proc/self/statm", O_RDONLY)
    guard fd >= 0 else { return 0 }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let count = read(fd, &buffer, buffer.count)
    guard count > 0 else { return 0 }
    let fields = buffer[0..<count].split(separator: UInt8(ascii: " "))
    guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    #else
    return 0
    #endif
}
