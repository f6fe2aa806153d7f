import RTCBase

/// A TURN ChannelData frame (RFC 8656 §12.4).
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Channel Number        |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                       Application Data                        /
/// +-------------------------------+
/// ```
public struct ChannelData: Hashable, Sendable {
    /// RFC 8656 §12: "0x4000 through 0x4FFF ... can be used", widened to 0x7FFF by §12 of RFC 8656.
    public static let validChannels: ClosedRange<UInt16> = 0x4000...0x7FFF

    /// The channel number.
    public var channel: UInt16
    /// The application data.
    public var data: [UInt8]

    /// Creates a frame; `channel` must be in ``validChannels``.
    public init(channel: UInt16, data: [UInt8]) {
        precondition(Self.validChannels.contains(channel), "channel number out of range")
        self.channel = channel
        self.data = data
    }

    /// The frame as sent. RFC 8656 §12.5: "Over TCP and TLS-over-TCP, the ChannelData message MUST be
    /// padded to a multiple of four bytes in order to ensure the alignment of subsequent messages";
    /// over UDP "the padding is not required", so none is added unless `padded`.
    public func encode(padded: Bool = false) -> [UInt8] {
        let padding = padded ? (4 - data.count % 4) % 4 : 0
        var writer = ByteWriter(capacity: 4 + data.count + padding)
        writer.write(channel)
        writer.write(UInt16(data.count))
        writer.write(data)
        if padding > 0 { writer.write([UInt8](repeating: 0, count: padding)) }
        return writer.bytes
    }

    /// Decodes a frame; trailing padding beyond the length field is ignored.
    public static func decode(_ bytes: [UInt8]) throws(STUNError) -> ChannelData {
        var reader = ByteReader(bytes)
        guard let channel = reader.readUInt16(), let length = reader.readUInt16(),
              validChannels.contains(channel), let data = reader.readBytes(Int(length)),
              reader.remaining < 4 else { throw .invalidChannelData }
        return ChannelData(channel: channel, data: data)
    }

    /// Whether the first byte puts the datagram in the ChannelData range (RFC 7983: 64...79).
    public static func isChannelData(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        return (0x40...0x7F).contains(first)
    }
}
