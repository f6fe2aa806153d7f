/// How an ``OpusEncoder`` codes: 48 kHz always, the rest chosen by the room's host.
public struct OpusConfiguration: Hashable, Sendable {
    /// 1 (mono) or 2 (stereo, interleaved PCM).
    public var channels: Int
    /// Samples per frame; one frame per packet.
    public var frameDuration: OpusFrameDuration
    /// Target bitrate, bits per second (libopus accepts 500 to 512,000).
    public var bitrate: Int
    /// Discontinuous transmission: near-silent frames shrink to a byte or two (RFC 6716 §2.1.9).
    public var dtx: Bool
    /// Encoder complexity 0-10 (10: best quality, most CPU); ``OpusEncoder`` clamps a value
    /// outside ``complexityRange`` to it.
    public var complexity: Int

    /// The engine's default complexity. At 8 and above libopus 1.3 adds the stereo rate-distortion
    /// search and a second MDCT on transients; lower settings encode faster (measured in
    /// docs/BENCHMARKS.md, "Audio").
    public static let defaultComplexity = 8
    /// The complexities libopus accepts; ``OpusEncoder`` is the one place that clamps to them.
    public static let complexityRange = 0...10

    /// The engine's defaults: stereo, 5 ms, 96 kbit/s, no DTX, complexity 8.
    public init(channels: Int = 2, frameDuration: OpusFrameDuration = .ms5, bitrate: Int = 96_000, dtx: Bool = false,
                complexity: Int = OpusConfiguration.defaultComplexity) {
        self.channels = channels
        self.frameDuration = frameDuration
        self.bitrate = bitrate
        self.dtx = dtx
        self.complexity = complexity
    }

    /// Whether the encoder runs in OPUS_APPLICATION_RESTRICTED_LOWDELAY: at 2.5 and 5 ms, where only
    /// CELT exists anyway, it saves the SILK/hybrid look-ahead; at 10 and 20 ms the encoder runs in
    /// OPUS_APPLICATION_AUDIO so that SILK, and with it in-band FEC, is available.
    public var lowDelay: Bool { !frameDuration.supportsInbandFEC }

    /// Interleaved samples in one frame.
    public var samplesPerFrame: Int { frameDuration.samples * channels }
}
