import COpus

/// One libopus decoder (RFC 6716 §4): packets in, 48 kHz interleaved float PCM out, with packet
/// loss concealment and in-band FEC for frames that never came.
///
/// Owns a C pointer: not `Sendable`; keep it on one thread. Decoding into a caller's buffer
/// allocates nothing.
public final class OpusDecoder {
    /// 1 or 2.
    public let channels: Int
    private let state: UnsafeMutableRawPointer

    /// Creates a decoder for `channels` output channels (a mono packet is upmixed, and back).
    ///
    /// - Throws: `invalidChannelCount`, or `library` when libopus fails.
    public init(channels: Int) throws(OpusError) {
        guard channels == 1 || channels == 2 else { throw .invalidChannelCount(channels) }
        var status: Int32 = 0
        guard let state = copus_decoder_create(Int32(channels), &status) else {
            throw .library(operation: "opus_decoder_create", status: status)
        }
        self.channels = channels
        self.state = state
    }

    deinit {
        copus_decoder_destroy(state)
    }

    /// Decodes `packet` (checked with ``OpusPacket`` first) into `output`, which must hold the
    /// packet's samples times ``channels``. Returns samples per channel.
    ///
    /// - Throws: `packet` for a malformed packet, `invalidFrameLength` when `output` is too small,
    ///   `library` when libopus refuses it.
    public func decode(_ packet: [UInt8], into output: UnsafeMutableBufferPointer<Float>) throws(OpusError) -> Int {
        let parsed: OpusPacket
        do {
            parsed = try OpusPacket(validating: packet)
        } catch {
            throw .packet(error)
        }
        guard output.count >= parsed.samples * channels else {
            throw .invalidFrameLength(got: output.count, expected: parsed.samples * channels)
        }
        return try run(packet, output: output, samples: parsed.samples, fec: false, "opus_decode_float")
    }

    /// Conceals one lost frame of `samples` per channel (PLC, RFC 6716 §4.4): extrapolated from
    /// what was decoded before, fading out over repeated losses.
    public func conceal(samples: Int, into output: UnsafeMutableBufferPointer<Float>) throws(OpusError) -> Int {
        guard output.count >= samples * channels else {
            throw .invalidFrameLength(got: output.count, expected: samples * channels)
        }
        return try run(nil, output: output, samples: samples, fec: false, "opus_decode_float(PLC)")
    }

    /// Rebuilds the lost frame before `next` from the in-band FEC data `next` carries (RFC 6716
    /// §2.1.7); where it carries none libopus conceals instead. `samples` is the lost frame's size.
    public func decodeFEC(from next: [UInt8], samples: Int, into output: UnsafeMutableBufferPointer<Float>) throws(OpusError) -> Int {
        do {
            _ = try OpusPacket(validating: next)
        } catch {
            throw .packet(error)
        }
        guard output.count >= samples * channels else {
            throw .invalidFrameLength(got: output.count, expected: samples * channels)
        }
        return try run(next, output: output, samples: samples, fec: true, "opus_decode_float(FEC)")
    }

    /// Whether the frame before `packet` can be rebuilt from it: only SILK and hybrid packets carry
    /// in-band FEC (RFC 6716 §2.1.7); a CELT packet's "FEC" decode is plain concealment.
    public static func canCarryFEC(_ packet: [UInt8]) -> Bool {
        guard let parsed = try? OpusPacket(validating: packet) else { return false }
        return parsed.mode != .celt
    }

    private func run(_ packet: [UInt8]?, output: UnsafeMutableBufferPointer<Float>, samples: Int, fec: Bool,
                     _ operation: String) throws(OpusError) -> Int {
        let decoded: Int32
        if let packet {
            decoded = packet.withUnsafeBufferPointer { bytes in
                copus_decode_float(state, bytes.baseAddress, Int32(bytes.count), output.baseAddress, Int32(samples), fec ? 1 : 0)
            }
        } else {
            decoded = copus_decode_float(state, nil, 0, output.baseAddress, Int32(samples), 0)
        }
        guard decoded >= 0 else { throw .library(operation: operation, status: decoded) }
        return Int(decoded)
    }
}
