/// SCTP payload protocol identifiers for WebRTC data channels (RFC 8831 §8, RFC 8832 §8.1).
///
/// The empty forms exist because SCTP cannot carry a zero-length user message: RFC 8831 §6.6
/// "the SCTP user message ... MUST consist of a single zero byte" with PPID 56 or 57.
public enum DataChannelPPID: UInt32, Hashable, Sendable {
    /// A DCEP control message (DATA_CHANNEL_OPEN / ACK).
    case dcep = 50
    /// A UTF-8 text message.
    case string = 51
    /// A binary message.
    case binary = 53
    /// An empty text message (one zero byte on the wire).
    case stringEmpty = 56
    /// An empty binary message (one zero byte on the wire).
    case binaryEmpty = 57
    /// Deprecated partial text (RFC 8831 §8), accepted and treated as ``string``.
    case stringPartial = 54
    /// Deprecated partial binary (RFC 8831 §8), accepted and treated as ``binary``.
    case binaryPartial = 52
}
