/// A failure of the Opus library or a misuse of the codec classes.
public enum OpusError: Error, Hashable, Sendable {
    /// The channel count is not 1 or 2.
    case invalidChannelCount(Int)
    /// The PCM buffer does not hold one frame (`expected` interleaved samples).
    case invalidFrameLength(got: Int, expected: Int)
    /// libopus returned a negative status (`OPUS_BAD_ARG` -1 ... `OPUS_ALLOC_FAIL` -7) in `operation`.
    case library(operation: String, status: Int32)
    /// A packet from the network is malformed.
    case packet(OpusPacketError)
}
