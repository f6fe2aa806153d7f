import FuzzSupport
import STUN

/// The executable's `main` (see `runFuzzer`).
@_cdecl("STUNFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in data.map { fuzzSTUN($0, size) } ?? 0 }
}

/// libFuzzer entry point: every input must be rejected with an error value or parse into a message
/// that re-encodes and parses again. A trap (crash, overflow, out-of-bounds) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSTUN(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = PacketKind(classifying: bytes)
    if let channelData = try? ChannelData.decode(bytes) {
        _ = channelData.encode()
    }
    _ = STUNMessage.checkIntegrity(of: bytes, key: .shortTerm(password: "VOkJxbRl1RmTxUk/WvJxBt"))
    guard let message = try? STUNMessage.decode(bytes) else { return 0 }
    _ = (message.mappedAddress, message.username, message.errorCode, message.realm, message.nonce,
         message.priority, message.hasUseCandidate, message.iceControlling, message.iceControlled, message.lifetime)
    let encoded = message.encode(key: .shortTerm(password: "fuzz"), fingerprint: true)
    guard (try? STUNMessage.decode(encoded)) != nil else {
        fatalError("a decoded message re-encoded into bytes that do not decode")
    }
    return 0
}
