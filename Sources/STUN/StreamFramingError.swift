/// Why a TURN byte stream (TCP or TLS) cannot be split into messages. The stream is unusable
/// afterwards: framing is lost, so the connection must be closed.
public enum StreamFramingError: Error, Hashable, Sendable {
    /// A frame starts with a byte that begins neither STUN (0...63) nor ChannelData (64...127).
    case garbage(firstByte: UInt8)
    /// A STUN header without the magic cookie 0x2112A442 (RFC 8489 §5).
    case badMagicCookie
    /// A STUN length that is not a multiple of 4 (RFC 8489 §5: "MUST contain a multiple of 4").
    case badLength(Int)
    /// A frame longer than the framer accepts.
    case oversize(Int)
}
