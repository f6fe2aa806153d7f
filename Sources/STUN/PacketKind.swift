/// What a datagram on an ICE socket carries, by its first byte (RFC 7983 §7, as updated by RFC 9443).
public enum PacketKind: Hashable, Sendable {
    /// 0...3: STUN.
    case stun
    /// 16...19: ZRTP.
    case zrtp
    /// 20...63: DTLS.
    case dtls
    /// 64...79: TURN ChannelData.
    case channelData
    /// 128...191: RTP/RTCP.
    case rtp
    /// Anything else, including an empty datagram.
    case unknown

    /// Classifies a datagram by its first byte only; callers then decode with the matching codec.
    public init(classifying bytes: [UInt8]) {
        guard let first = bytes.first else {
            self = .unknown
            return
        }
        switch first {
        case 0...3: self = .stun
        case 16...19: self = .zrtp
        case 20...63: self = .dtls
        case 64...79: self = .channelData
        case 128...191: self = .rtp
        default: self = .unknown
        }
    }
}
