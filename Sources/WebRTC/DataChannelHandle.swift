/// Names a data channel inside one ``PeerConnectionCore``, stable from creation to close, even
/// before the channel has a stream id (in-band channels get theirs when the DTLS role is known).
public struct DataChannelHandle: Hashable, Sendable, CustomStringConvertible {
    /// Unique within its core; never reused.
    public let rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `channel#<n>`.
    public var description: String { "channel#\(rawValue)" }
}
