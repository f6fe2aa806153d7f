import FuzzSupport
import Foundation
import SignalingProtocol

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
/// envelope parsed must write a line that parses back equal; an `output` whose message the
/// direct path would forward as received must be the one the full parser reads.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCluster(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let payload = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var lines = [Substring(payload)]
    if let batch = try? ClusterBatch.parse(payload) { lines += batch.lines }
    for line in lines {
        checkRawOutput(line)
        guard let envelope = try? ClusterEnvelope.parse(line) else { continue }
        guard (try? ClusterEnvelope.parse(Substring(envelope.line()))) == envelope else {
            fatalError("an envelope's line does not parse back equal: \(envelope)")
        }
    }
    return 0
}

/// The LISTEN task's direct path forwards an `output` envelope's message bytes as they are when
/// the strict relay scanner reads them (ProxiedConnections): `JSONDecoder`, reading the whole line
/// apart from the cluster's own parsers, must then find the same connection and message.
private func checkRawOutput(_ line: Substring) {
    let raw = line.utf8.withContiguousStorageIfAvailable { bytes -> (UInt64, ServerMessage)? in
        guard let (connection, range) = ClusterEnvelope.relayedOutput(bytes),
            let message = ServerMessage.scannedRelay(utf8: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range])))
        else { return nil }
        return (connection, message)
    } ?? nil
    guard let (connection, message) = raw else { return }
    guard let full = try? JSONDecoder().decode(OutputLine.self, from: Data(line.utf8)),
        full.k == "out", full.c == connection, full.m == message
    else {
        fatalError("the direct path reads an output JSONDecoder does not: \(line)")
    }
}

/// An `output` envelope's line as `JSONDecoder` reads it.
private struct OutputLine: Decodable {
    let k: String
    let c: UInt64
    let m: ServerMessage
}
