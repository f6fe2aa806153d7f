import FuzzSupport
import Opus

/// The executable's `main` (see `runFuzzer`).
@_cdecl("OpusFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in data.map { fuzzOpus($0, size) } ?? 0 }
}

/// One decoder for the whole run, as a receiver keeps one per peer: state carried between packets
/// is part of what is fuzzed. The fuzzer runs one input at a time on one thread.
nonisolated(unsafe) private let decoder = try! OpusDecoder(channels: 2)
nonisolated(unsafe) private var output = [Float](repeating: 0, count: OpusPacket.maximumSamples * 2)

/// libFuzzer entry point: every input is rejected with an OpusPacketError (RFC 6716 §3.4) or
/// decodes, normally and as the FEC source of a lost frame, without a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpus(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let packet = try? OpusPacket(validating: bytes) else { return 0 }
    output.withUnsafeMutableBufferPointer { buffer in
        let decoded = try? decoder.decode(bytes, into: buffer)
        if let decoded, decoded != packet.samples { fatalError("decoded \(decoded) samples of a \(packet.samples)-sample packet") }
        _ = try? decoder.decodeFEC(from: bytes, samples: 240, into: buffer)
        _ = try? decoder.conceal(samples: 240, into: buffer)
    }
    return 0
}
