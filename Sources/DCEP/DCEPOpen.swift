/// The contents of a DATA_CHANNEL_OPEN message (RFC 8832 §5.1).
public struct DCEPOpen: Hashable, Sendable {
    /// The channel's label (W3C `label`).
    public var label: String
    /// The sub-protocol (W3C `protocol`), usually empty.
    public var `protocol`: String
    /// Whether messages are delivered in order.
    public var ordered: Bool
    /// Retransmission policy.
    public var reliability: DataChannelReliability
    /// RFC 8832 §5.1 priority; 256 is WebRTC's "normal".
    public var priority: UInt16

    /// Creates an open message.
    public init(label: String, protocol: String = "", ordered: Bool = true,
                reliability: DataChannelReliability = .reliable, priority: UInt16 = 256) {
        self.label = label
        self.protocol = `protocol`
        self.ordered = ordered
        self.reliability = reliability
        self.priority = priority
    }
}
