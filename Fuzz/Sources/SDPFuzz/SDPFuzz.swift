import FuzzSupport
import SDP

/// The executable's `main` (see `runFuzzer`).
@_cdecl("SDPFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in data.map { fuzzSDP($0, size) } ?? 0 }
}

/// libFuzzer entry point: every input must be rejected with an SDPError or parse into a description
/// that serializes and parses back equal; the data-channel view must not trap either.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSDP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let description = try? SessionDescription(parsing: text) else { return 0 }
    _ = try? WebRTCDataSession(description)
    guard (try? SessionDescription(parsing: description.text)) == description else {
        fatalError("a parsed description serialized into text that parses differently")
    }
    return 0
}
