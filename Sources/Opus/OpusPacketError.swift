/// Why a packet from the network is not a well-formed Opus packet (RFC 6716 §3.4, R1-R7), or not
/// one the engine accepts.
public enum OpusPacketError: Error, Hashable, Sendable {
    /// R1: a packet has at least the TOC byte.
    case empty
    /// R2: a frame is longer than 1275 bytes.
    case frameTooLong(Int)
    /// R3: a code 1 packet splits its bytes into two equal frames, so their total is even.
    case oddCBRLength
    /// R4/R7: a coded frame length runs past the end of the packet.
    case truncated
    /// R5: a code 3 packet holds 1 to 48 frames and at most 120 ms.
    case invalidFrameCount(Int)
    /// R6: a code 3 CBR packet's bytes (after padding) do not split evenly between its frames.
    case unevenCBRFrames
    /// The padding of a code 3 packet runs past its end.
    case invalidPadding
    /// A valid packet, but not one frame of 2.5, 5, 10 or 20 ms (what the engine sends).
    case unsupportedDuration(samples: Int)
}
