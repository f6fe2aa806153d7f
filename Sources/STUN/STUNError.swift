/// Why bytes from the network could not be accepted as a STUN message or ChannelData frame.
///
/// Every malformed input maps to one of these; the codec never traps on network data.
public enum STUNError: Error, Hashable, Sendable {
    /// Fewer bytes than a header, or than the header's length field promises.
    case truncated
    /// The two top bits of the first byte are not zero (RFC 8489 §5).
    case notSTUN
    /// The magic cookie is not 0x2112A442.
    case badMagicCookie
    /// The length field disagrees with the datagram size, or is not a multiple of 4.
    case badLength
    /// An attribute header or value runs past the end of the message.
    case truncatedAttribute(type: UInt16)
    /// More attributes than the decoder accepts.
    case tooManyAttributes
    /// An attribute value has the wrong size or an invalid field.
    case invalidAttribute(type: UInt16)
    /// A text attribute is not valid UTF-8 or is too long.
    case invalidText(type: UInt16)
    /// An attribute other than FINGERPRINT follows FINGERPRINT.
    case attributeAfterFingerprint
    /// The FINGERPRINT value does not match the CRC-32 of the message.
    case fingerprintMismatch
    /// A ChannelData frame is shorter than its header or its length field, or its channel is out of range.
    case invalidChannelData
}
