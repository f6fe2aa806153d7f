/// A STUN attribute type number (RFC 8489 §14, RFC 8445 §16.1, RFC 8656 §18).
public struct STUNAttributeType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 16-bit type number.
    public var rawValue: UInt16

    /// Wraps a type number.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// RFC 8489 §14: "0x0000-0x7FFF ... comprehension-required"; an agent must reject a request
    /// carrying one it does not understand.
    public var isComprehensionRequired: Bool { rawValue < 0x8000 }

    /// MAPPED-ADDRESS.
    public static let mappedAddress = Self(rawValue: 0x0001)
    /// USERNAME.
    public static let username = Self(rawValue: 0x0006)
    /// MESSAGE-INTEGRITY.
    public static let messageIntegrity = Self(rawValue: 0x0008)
    /// ERROR-CODE.
    public static let errorCode = Self(rawValue: 0x0009)
    /// UNKNOWN-ATTRIBUTES.
    public static let unknownAttributes = Self(rawValue: 0x000A)
    /// CHANNEL-NUMBER (TURN).
    public static let channelNumber = Self(rawValue: 0x000C)
    /// LIFETIME (TURN).
    public static let lifetime = Self(rawValue: 0x000D)
    /// XOR-PEER-ADDRESS (TURN).
    public static let xorPeerAddress = Self(rawValue: 0x0012)
    /// DATA (TURN).
    public static let data = Self(rawValue: 0x0013)
    /// REALM.
    public static let realm = Self(rawValue: 0x0014)
    /// NONCE.
    public static let nonce = Self(rawValue: 0x0015)
    /// XOR-RELAYED-ADDRESS (TURN).
    public static let xorRelayedAddress = Self(rawValue: 0x0016)
    /// REQUESTED-TRANSPORT (TURN).
    public static let requestedTransport = Self(rawValue: 0x0019)
    /// DONT-FRAGMENT (TURN).
    public static let dontFragment = Self(rawValue: 0x001A)
    /// MESSAGE-INTEGRITY-SHA256.
    public static let messageIntegritySHA256 = Self(rawValue: 0x001C)
    /// XOR-MAPPED-ADDRESS.
    public static let xorMappedAddress = Self(rawValue: 0x0020)
    /// PRIORITY (ICE).
    public static let priority = Self(rawValue: 0x0024)
    /// USE-CANDIDATE (ICE).
    public static let useCandidate = Self(rawValue: 0x0025)
    /// SOFTWARE.
    public static let software = Self(rawValue: 0x8022)
    /// FINGERPRINT.
    public static let fingerprint = Self(rawValue: 0x8028)
    /// ICE-CONTROLLED (ICE).
    public static let iceControlled = Self(rawValue: 0x8029)
    /// ICE-CONTROLLING (ICE).
    public static let iceControlling = Self(rawValue: 0x802A)

    /// The type number in hex.
    public var description: String { "0x" + String(rawValue, radix: 16) }
}
