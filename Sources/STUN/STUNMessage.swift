/// A STUN message (RFC 8489 §5): type, transaction ID and an ordered list of attributes.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Magic Cookie                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Transaction ID (96 bits)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// Decoding keeps MESSAGE-INTEGRITY and FINGERPRINT in ``attributes`` as received; encoding drops
/// them from the list and recomputes them from the arguments of ``encode(key:algorithm:fingerprint:padding:)``.
public struct STUNMessage: Hashable, Sendable {
    /// RFC 8489 §5: "The Magic Cookie field MUST contain the fixed value 0x2112A442".
    public static let magicCookie: UInt32 = 0x2112_A442
    /// The fixed header size.
    public static let headerSize = 20
    /// The decoder rejects messages with more attributes than this, bounding work per datagram.
    public static let maxAttributes = 64

    /// Method and class.
    public var type: STUNMessageType
    /// Matches responses to requests.
    public var transactionID: TransactionID
    /// Attributes in wire order.
    public var attributes: [STUNAttribute]

    /// Creates a message.
    public init(type: STUNMessageType, transactionID: TransactionID, attributes: [STUNAttribute] = []) {
        self.type = type
        self.transactionID = transactionID
        self.attributes = attributes
    }

    /// Which HMAC to append when encoding with a key.
    public enum IntegrityAlgorithm: Hashable, Sendable {
        /// MESSAGE-INTEGRITY (HMAC-SHA1, 20 bytes).
        case sha1
        /// MESSAGE-INTEGRITY-SHA256 (HMAC-SHA256, 32 bytes).
        case sha256
    }

    /// The result of checking a message's integrity against a key.
    public enum IntegrityCheck: Hashable, Sendable {
        /// The HMAC matches.
        case valid
        /// The message carries no MESSAGE-INTEGRITY(-SHA256).
        case missing
        /// The HMAC does not match.
        case invalid
        /// The bytes are not a well-formed message, or an integrity attribute has a length
        /// RFC 8489 §14.5/§14.6 does not allow: nothing was compared.
        case malformed(STUNError)
    }
}
