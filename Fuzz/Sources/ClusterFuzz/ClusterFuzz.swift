import FuzzSupport
import Foundation

// The cluster's wire codecs (ClusterBatch, ClusterEnvelope and the files they need) are symlinked
// into this target from the main package's SignalingServer module, whose other files need NIO
// and PostgresNIO; this file is the only one of its own.

/// The executable's `main` (see `runFuzzer`).
@_cdecl("ClusterFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in data.map { fuzzCluster($0, size) } ?? 0 }
}

/// libFuzzer entry point: a NOTIFY payload as another instance (or anyone who can NOTIFY on the
/// database) writes it. Every input must be rejected with a ClusterEnvelopeError or parse; each
/// envelope parsed must write a line that parses back equal.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCluster(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let payload = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var lines = [Substring(payload)]
    if let batch = try? ClusterBatch.parse(payload) { lines += batch.lines }
    for line in lines {
        guard let envelope = try? ClusterEnvelope.parse(line) else { continue }
        guard (try? ClusterEnvelope.parse(Substring(envelope.line()))) == envelope else {
            fatalError("an envelope's line does not parse back equal: \(envelope)")
        }
    }
    return 0
}
