import FuzzSupport
import DCEP

/// The executable's `main` (see `runFuzzer`).
@_cdecl("DCEPFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in data.map { fuzzDCEP($0, size) } ?? 0 }
}

/// libFuzzer entry point: every input must be rejected with a DCEPError or decode into a message
/// that encodes and decodes back equal (RFC 8832 §5 DATA_CHANNEL_OPEN / ACK).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDCEP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? DCEPMessage(bytes: bytes) else { return 0 }
    guard let encoded = try? message.encoded(), (try? DCEPMessage(bytes: encoded)) == message else {
        fatalError("a decoded DCEP message does not encode and decode back equal")
    }
    return 0
}
