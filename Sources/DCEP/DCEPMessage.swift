import RTCBase

/// A Data Channel Establishment Protocol message (RFC 8832), sent on the channel's own stream with PPID 50.
///
/// DATA_CHANNEL_OPEN, RFC 8832 §5.1:
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Message Type |  Channel Type |            Priority           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Reliability Parameter                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Label Length          |       Protocol Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                             Label                             /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                            Protocol                           /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
/// DATA_CHANNEL_ACK, RFC 8832 §5.2, is the single byte 0x02.
public enum DCEPMessage: Hashable, Sendable {
    /// Asks the peer to open a channel on the stream this message arrives on.
    case open(DCEPOpen)
    /// Confirms an open.
    case ack

    static let openType: UInt8 = 0x03
    static let ackType: UInt8 = 0x02

    /// Parses one DCEP message; every malformed input is a ``DCEPError``.
    public init(bytes: [UInt8]) throws(DCEPError) {
        var reader = ByteReader(bytes)
        guard let type = reader.readUInt8() else { throw .truncated }
        switch type {
        case Self.ackType:
            // RFC 8832 §5.2 defines the ACK as the type byte alone.
            guard reader.remaining == 0 else { throw .trailingBytes(reader.remaining) }
            self = .ack
        case Self.openType:
            guard let channelType = reader.readUInt8(), let priority = reader.readUInt16(),
                  let parameter = reader.readUInt32(), let labelLength = reader.readUInt16(),
                  let protocolLength = reader.readUInt16() else { throw .truncated }
            guard let labelBytes = reader.readBytes(Int(labelLength)),
                  let protocolBytes = reader.readBytes(Int(protocolLength)) else { throw .truncated }
            guard reader.remaining == 0 else { throw .trailingBytes(reader.remaining) }
            guard let label = String(validating: labelBytes, as: UTF8.self),
                  let proto = String(validating: protocolBytes, as: UTF8.self) else { throw .invalidUTF8 }
            let (ordered, reliability) = try Self.decodeChannelType(channelType, parameter: parameter)
            self = .open(DCEPOpen(label: label, protocol: proto, ordered: ordered,
                                  reliability: reliability, priority: priority))
        default:
            throw .unknownMessageType(type)
        }
    }

    /// The wire form.
    public func encoded() throws(DCEPError) -> [UInt8] {
        switch self {
        case .ack:
            return [Self.ackType]
        case .open(let open):
            let label = Array(open.label.utf8)
            let proto = Array(open.protocol.utf8)
            guard label.count <= Int(UInt16.max), proto.count <= Int(UInt16.max) else { throw .fieldTooLong }
            var writer = ByteWriter()
            writer.write(Self.openType)
            let (channelType, parameter) = Self.encodeChannelType(ordered: open.ordered, reliability: open.reliability)
            writer.write(channelType)
            writer.write(open.priority)
            writer.write(parameter)
            writer.write(UInt16(label.count))
            writer.write(UInt16(proto.count))
            writer.write(label)
            writer.write(proto)
            return writer.bytes
        }
    }

    /// RFC 8832 §5.1 channel types: the high bit (0x80) means unordered; the low bits pick
    /// reliable (0x00), partial reliability by retransmissions (0x01) or by time (0x02).
    /// "The Reliability Parameter is ignored" for reliable channels.
    static func decodeChannelType(_ type: UInt8, parameter: UInt32) throws(DCEPError)
        -> (ordered: Bool, reliability: DataChannelReliability) {
        let ordered = type & 0x80 == 0
        let clamped = UInt16(clamping: parameter)
        switch type & 0x7F {
        case 0x00: return (ordered, .reliable)
        case 0x01: return (ordered, .maxRetransmits(clamped))
        case 0x02: return (ordered, .maxPacketLifeTime(milliseconds: clamped))
        default: throw .unknownChannelType(type)
        }
    }

    static func encodeChannelType(ordered: Bool, reliability: DataChannelReliability) -> (UInt8, UInt32) {
        let orderBit: UInt8 = ordered ? 0x00 : 0x80
        switch reliability {
        case .reliable: return (orderBit | 0x00, 0)
        case .maxRetransmits(let count): return (orderBit | 0x01, UInt32(count))
        case .maxPacketLifeTime(let milliseconds): return (orderBit | 0x02, UInt32(milliseconds))
        }
    }
}
