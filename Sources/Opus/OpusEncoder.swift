import COpus

/// One libopus encoder (RFC 6716): 48 kHz float PCM in, one packet per frame out.
///
/// Owns a C pointer: not `Sendable`; keep it on one thread or behind one lock.
public final class OpusEncoder {
    /// The largest packet produced, bytes (RFC 6716 §3.4 R2 caps one frame at 1275).
    public static let maximumPacketLength = 1275

    /// The settings in use (`bitrate` and the loss figure change with ``setBitrate(_:)`` and
    /// ``setExpectedLoss(percent:)``); `complexity` is the one libopus runs at, the requested one
    /// clamped to ``OpusConfiguration/complexityRange``.
    public private(set) var configuration: OpusConfiguration
    /// The loss, percent, the encoder is told to expect; above 0 at 10 ms and longer it adds
    /// in-band FEC (the previous frame at lower quality, RFC 6716 §2.1.7).
    public private(set) var expectedLoss = 0
    /// The encoder's look-ahead, samples at 48 kHz: part of the codec's latency.
    public let lookahead: Int

    private let state: UnsafeMutableRawPointer
    private var scratch: [UInt8]

    /// Creates an encoder.
    ///
    /// - Throws: `invalidChannelCount`, or `library` when libopus refuses a setting.
    public init(configuration: OpusConfiguration) throws(OpusError) {
        guard configuration.channels == 1 || configuration.channels == 2 else {
            throw .invalidChannelCount(configuration.channels)
        }
        var status: Int32 = 0
        guard let state = copus_encoder_create(Int32(configuration.channels), configuration.lowDelay ? 1 : 0, &status) else {
            throw .library(operation: "opus_encoder_create", status: status)
        }
        self.state = state
        var configuration = configuration
        // The one place the complexity is bounded: libopus refuses anything outside 0...10
        // (OPUS_BAD_ARG), and callers (`EngineConfiguration.opusComplexity`) pass theirs through.
        configuration.complexity = min(max(configuration.complexity, OpusConfiguration.complexityRange.lowerBound),
                                       OpusConfiguration.complexityRange.upperBound)
        self.configuration = configuration
        scratch = [UInt8](repeating: 0, count: Self.maximumPacketLength)
        let lookahead = copus_encoder_get_lookahead(state)
        self.lookahead = max(0, Int(lookahead))
        try check(copus_encoder_set_bitrate(state, Int32(clamping: configuration.bitrate)), "OPUS_SET_BITRATE")
        try check(copus_encoder_set_complexity(state, Int32(configuration.complexity)), "OPUS_SET_COMPLEXITY")
        try check(copus_encoder_set_dtx(state, configuration.dtx ? 1 : 0), "OPUS_SET_DTX")
        try check(copus_encoder_set_inband_fec(state, 0), "OPUS_SET_INBAND_FEC")
    }

    deinit {
        copus_encoder_destroy(state)
    }

    /// Encodes one frame of interleaved PCM (`configuration.samplesPerFrame` floats in -1...1).
    ///
    /// - Throws: `invalidFrameLength`, or `library` if libopus fails.
    public func encode(_ pcm: [Float]) throws(OpusError) -> [UInt8] {
        let expected = configuration.samplesPerFrame
        guard pcm.count == expected else { throw .invalidFrameLength(got: pcm.count, expected: expected) }
        let frameSize = Int32(configuration.frameDuration.samples)
        let length = pcm.withUnsafeBufferPointer { samples in
            scratch.withUnsafeMutableBufferPointer { packet in
                copus_encode_float(state, samples.baseAddress, frameSize, packet.baseAddress, Int32(packet.count))
            }
        }
        guard length >= 0 else { throw .library(operation: "opus_encode_float", status: length) }
        return Array(scratch[0..<Int(length)])
    }

    /// Changes the target bitrate, bits per second.
    public func setBitrate(_ bitrate: Int) throws(OpusError) {
        try check(copus_encoder_set_bitrate(state, Int32(clamping: bitrate)), "OPUS_SET_BITRATE")
        configuration.bitrate = bitrate
    }

    /// Tells the encoder the loss the receivers see; at 10 and 20 ms a figure above 0 turns in-band
    /// FEC on (it has no effect at 2.5 and 5 ms, where the sender adds redundancy instead).
    public func setExpectedLoss(percent: Int) throws(OpusError) {
        let percent = max(0, min(100, percent))
        guard percent != expectedLoss else { return }
        let fec = percent > 0 && configuration.frameDuration.supportsInbandFEC
        try check(copus_encoder_set_inband_fec(state, fec ? 1 : 0), "OPUS_SET_INBAND_FEC")
        try check(copus_encoder_set_packet_loss_perc(state, Int32(percent)), "OPUS_SET_PACKET_LOSS_PERC")
        expectedLoss = percent
    }

    private func check(_ status: Int32, _ operation: String) throws(OpusError) {
        guard status >= 0 else { throw .library(operation: operation, status: status) }
    }
}
