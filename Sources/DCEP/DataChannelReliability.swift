/// How a data channel retransmits, the W3C `ordered` / `maxRetransmits` / `maxPacketLifeTime` trio.
///
/// RFC 8831 §6.6: a channel is either reliable, or partially reliable by retransmission count
/// or by lifetime (PR-SCTP, RFC 3758), never both.
public enum DataChannelReliability: Hashable, Sendable {
    /// Every message is retransmitted until acknowledged.
    case reliable
    /// At most this many retransmissions (`maxRetransmits`); 0 sends each message once.
    case maxRetransmits(UInt16)
    /// Retransmitted for at most this many milliseconds (`maxPacketLifeTime`).
    case maxPacketLifeTime(milliseconds: UInt16)
}
