public import DCEP

/// Options for ``PeerConnection/createDataChannel(_:options:)``: the W3C `RTCDataChannelInit`.
public struct DataChannelInit: Hashable, Sendable {
    /// Deliver in order (default `true`).
    public var ordered: Bool
    /// Partial reliability by retransmission count; exclusive with ``maxPacketLifeTime``.
    public var maxRetransmits: UInt16?
    /// Partial reliability by lifetime, in milliseconds; exclusive with ``maxRetransmits``.
    public var maxPacketLifeTime: UInt16?
    /// The sub-protocol name.
    public var `protocol`: String
    /// `true`: both sides create the channel themselves with the same ``id``; no DCEP handshake.
    public var negotiated: Bool
    /// The SCTP stream id; required when ``negotiated`` is `true`, chosen by parity otherwise.
    public var id: UInt16?

    /// Creates options; the defaults are a reliable, ordered, in-band channel.
    public init(ordered: Bool = true, maxRetransmits: UInt16? = nil, maxPacketLifeTime: UInt16? = nil,
                protocol: String = "", negotiated: Bool = false, id: UInt16? = nil) {
        self.ordered = ordered
        self.maxRetransmits = maxRetransmits
        self.maxPacketLifeTime = maxPacketLifeTime
        self.protocol = `protocol`
        self.negotiated = negotiated
        self.id = id
    }

    /// The retransmission policy these options describe.
    public var reliability: DataChannelReliability {
        if let maxRetransmits { return .maxRetransmits(maxRetransmits) }
        if let maxPacketLifeTime { return .maxPacketLifeTime(milliseconds: maxPacketLifeTime) }
        return .reliable
    }
}
