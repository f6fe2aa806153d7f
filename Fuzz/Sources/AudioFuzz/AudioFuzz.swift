import FuzzSupport

// The audio channel's codec (AudioFrame, both wire forms) and the receive decisions behind it
// (AudioReceiver, JitterBuffer) are symlinked into this target from the main package's
// Collaboration module, whose other files need NIO and the engine; this file is the only one of
// its own.

/// The executable's `main` (see `runFuzzer`).
@_cdecl("AudioFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in data.map { fuzzAudio($0, size) } ?? 0 }
}

/// One receiver for the whole run, as an engine keeps one per peer: hostile sequences, sizes and
/// codecs carried from input to input are part of what is fuzzed. One input at a time, one thread.
nonisolated(unsafe) private var receiver = AudioReceiver()
nonisolated(unsafe) private var now: Int64 = 0

/// libFuzzer entry point: an `audio` channel message as a peer sends it. Every input is rejected
/// with a PayloadError or decodes; a decoded frame must come back equal from the full form, and
/// from the compact form (Opus) equal but for the timestamp, which is then `sequence × samples`.
/// The frame then goes through the receiver, with a play-out slot after it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAudio(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let frame = try? AudioFrame(decoding: bytes) else { return 0 }
    guard (try? AudioFrame(decoding: frame.encoded())) == frame else { fatalError("full form round trip: \(frame)") }
    if case .opus = frame.codec {
        guard let compact = try? AudioFrame(decoding: frame.encoded(compact: true)),
              compact.sequence == frame.sequence, compact.payload == frame.payload, compact.redundancy == frame.redundancy,
              compact.timestamp == frame.sequence &* UInt32(frame.sampleCount ?? 0) else {
            fatalError("compact form round trip: \(frame)")
        }
    }
    now += 2_500
    receiver.insert(frame, now: now)
    _ = receiver.next(now: now)
    return 0
}
