public import DCEP

/// The fixed properties of a data channel.
public struct DataChannelInfo: Hashable, Sendable {
    /// The channel's label.
    public var label: String
    /// The sub-protocol.
    public var `protocol`: String
    /// In-order delivery.
    public var ordered: Bool
    /// Retransmission policy.
    public var reliability: DataChannelReliability
    /// Whether the application negotiated it out of band (no DCEP).
    public var negotiated: Bool
    /// The stream id, once known (in-band channels get one when the DTLS role is known).
    public var id: UInt16?

    /// W3C `maxRetransmits`.
    public var maxRetransmits: UInt16? {
        if case .maxRetransmits(let count) = reliability { return count }
        return nil
    }

    /// W3C `maxPacketLifeTime`.
    public var maxPacketLifeTime: UInt16? {
        if case .maxPacketLifeTime(let milliseconds) = reliability { return milliseconds }
        return nil
    }
}
