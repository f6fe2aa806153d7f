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
    if STUNMessage.checkIntegrity(of: bytes, key: .shortTerm(password: "VOkJxbRl1RmTxUk/WvJxBt")) == .valid {
        checkIntegrityLength(bytes)
    }
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

/// RFC 8489 §14.5/§14.6: a message that verifies carries MESSAGE-INTEGRITY of exactly 20 bytes or
/// MESSAGE-INTEGRITY-SHA256 of 16 to 32 in steps of 4 (the one checked: SHA-256 when present). A
/// shorter value compared against a prefix of the HMAC (a zero-length one always matched) is a finding.
func checkIntegrityLength(_ bytes: [UInt8]) {
    var offset = 20
    var sha1: Int?, sha256: Int?
    while offset + 4 <= bytes.count {
        let type = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        if type == 0x0008, sha1 == nil, sha256 == nil { sha1 = length }
        if type == 0x001C, sha256 == nil { sha256 = length }
        offset += 4 + (length + 3) & ~3
    }
    if let sha256 {
        guard (16...32).contains(sha256), sha256 % 4 == 0 else { fatalError("MESSAGE-INTEGRITY-SHA256 of \(sha256) bytes verified") }
    } else {
        guard sha1 == 20 else { fatalError("MESSAGE-INTEGRITY of \(sha1.map(String.init) ?? "no") bytes verified") }
    }
}
