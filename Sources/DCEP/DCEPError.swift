/// Why a DCEP message (RFC 8832) was rejected.
public enum DCEPError: Error, Hashable, Sendable {
    /// Fewer bytes than the fixed header or the declared label/protocol lengths need.
    case truncated
    /// The message type byte is neither DATA_CHANNEL_OPEN (0x03) nor DATA_CHANNEL_ACK (0x02).
    case unknownMessageType(UInt8)
    /// The channel type byte is not one RFC 8832 §8.2.2 defines.
    case unknownChannelType(UInt8)
    /// The label or protocol is not valid UTF-8 (RFC 8832 §5.1 says both "SHOULD be UTF-8").
    case invalidUTF8
    /// Bytes after the declared label and protocol.
    case trailingBytes(Int)
    /// A label or protocol longer than 65,535 bytes, which the length field cannot express.
    case fieldTooLong
}
