/// How hard SCTP tries to deliver one message: fully reliable, or partially reliable (PR-SCTP,
/// RFC 3758) with one of the two policies WebRTC exposes (RFC 8831 §6.1, W3C `maxRetransmits` /
/// `maxPacketLifeTime`).
public enum SCTPReliability: Sendable, Hashable {
    /// Retransmit until acknowledged (RFC 9260).
    case reliable
    /// Abandon the message after this many retransmissions (`SCTP_PR_SCTP_RTX`); 0 = send once.
    case maxRetransmits(UInt16)
    /// Abandon the message once it has been queued this long (`SCTP_PR_SCTP_TTL`).
    case maxPacketLifeTime(milliseconds: UInt16)
}
