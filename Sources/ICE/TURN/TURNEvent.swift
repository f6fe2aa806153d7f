public import RTCBase
import STUN

/// What a ``TURNClient`` reports through ``TURNClient/pollEvent()``.
public enum TURNEvent: Hashable, Sendable {
    /// The allocation succeeded: the relayed address and the server-reflexive address it saw.
    case allocated(relayed: TransportAddress, mapped: TransportAddress?, lifetime: UInt32)
    /// Allocation failed for good (bad credentials, error response, or no answer).
    case allocationFailed(reason: String)
    /// A CreatePermission or ChannelBind failed (`request` names which); data to that peer is dropped.
    case requestFailed(request: String, reason: String)
    /// A response to `request` was discarded as if never received (RFC 8489 §9.2.5): no or a bad
    /// MESSAGE-INTEGRITY. Reported once per request; over UDP the request is retransmitted and,
    /// if no authenticated response comes, fails with "integrity protection violated".
    case responseDiscarded(request: String, reason: String)
    /// A permission for this peer IP is installed (RFC 8656 §9).
    case permissionCreated(IPAddress)
    /// A channel is bound to this peer (RFC 8656 §12).
    case channelBound(peer: TransportAddress, channel: UInt16)
    /// Data from a peer, from a Data indication or a ChannelData frame.
    case data([UInt8], from: TransportAddress)
    /// The allocation was released (Refresh with LIFETIME 0 answered or timed out) or expired.
    case closed
}
