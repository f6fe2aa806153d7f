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
    fuzzStreamFraming(bytes)
    guard let message = try? STUNMessage.decode(bytes) else { return 0 }
    _ = (message.mappedAddress, message.username, message.errorCode, message.realm, message.nonce,
         message.priority, message.hasUseCandidate, message.iceControlling, message.iceControlled, message.lifetime)
    let encoded = message.encode(key: .shortTerm(password: "fuzz"), fingerprint: true)
    guard (try? STUNMessage.decode(encoded)) != nil else {
        fatalError("a decoded message re-encoded into bytes that do not decode")
    }
    return 0
}

/// RFC 8656 §12.5 stream framing: the input as one TCP/TLS stream must give the same messages (or
/// the same error) whether it arrives in one read or cut in two, and nothing more than it holds.
func fuzzStreamFraming(_ bytes: [UInt8]) {
    var whole = StreamFramer()
    let all = Result { () throws(StreamFramingError) -> [[UInt8]] in try whole.append(bytes) }
    var split = StreamFramer()
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let pieces = Result { () throws(StreamFramingError) -> [[UInt8]] in
        try split.append(bytes[..<cut]) + split.append(bytes[cut...])
    }
    switch (all, pieces) {
    case (.success(let a), .success(let b)):
        guard a == b, a.reduce(0, { $0 + $1.count }) <= bytes.count, whole.bufferedCount == split.bufferedCount else {
            fatalError("stream framing depends on how the bytes were read")
        }
    case (.failure(let a), .failure(let b)):
        guard a == b else { fatalError("stream framing failed differently when split") }
    default:
        fatalError("stream framing succeeded one way and failed the other")
    }
}
