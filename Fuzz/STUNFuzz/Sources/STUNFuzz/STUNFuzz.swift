import CFuzzerDriver
import STUN

/// SwiftPM links executables with `main` renamed to `STUNFuzz_main`, which hides libFuzzer's own
/// `main`; this one hands control to libFuzzer's driver with the same arguments.
@_cdecl("STUNFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzSTUN(data, size)
    }
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
