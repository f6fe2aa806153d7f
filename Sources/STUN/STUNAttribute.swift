public import RTCBase

/// One decoded STUN attribute. Each case carries its parsed value.
///
/// Attributes this codec does not model come out as ``unknown(type:value:)`` so that a receiver can
/// answer comprehension-required ones with 420 (RFC 8489 §6.3.1).
public enum STUNAttribute: Hashable, Sendable {
    /// MAPPED-ADDRESS (RFC 8489 §14.1), kept for RFC 3489 servers.
    case mappedAddress(TransportAddress)
    /// XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the reflexive address, obfuscated by XOR.
    case xorMappedAddress(TransportAddress)
    /// USERNAME (RFC 8489 §14.3).
    case username(String)
    /// MESSAGE-INTEGRITY (RFC 8489 §14.5): the 20-byte HMAC-SHA1 as received.
    case messageIntegrity([UInt8])
    /// MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): the HMAC-SHA256 (16 to 32 bytes) as received.
    case messageIntegritySHA256([UInt8])
    /// FINGERPRINT (RFC 8489 §14.7): the CRC-32 XOR 0x5354554e as received.
    case fingerprint(UInt32)
    /// ERROR-CODE (RFC 8489 §14.8).
    case errorCode(STUNErrorCode)
    /// UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the types a server did not understand.
    case unknownAttributes([UInt16])
    /// REALM (RFC 8489 §14.9).
    case realm(String)
    /// NONCE (RFC 8489 §14.10).
    case nonce(String)
    /// SOFTWARE (RFC 8489 §14.14).
    case software(String)
    /// PRIORITY (RFC 8445 §7.1.1).
    case priority(UInt32)
    /// USE-CANDIDATE (RFC 8445 §7.1.2), a flag with no value.
    case useCandidate
    /// ICE-CONTROLLING with its tie-breaker (RFC 8445 §7.1.3).
    case iceControlling(UInt64)
    /// ICE-CONTROLLED with its tie-breaker (RFC 8445 §7.1.3).
    case iceControlled(UInt64)
    /// CHANNEL-NUMBER (RFC 8656 §18.1): the channel in the top 16 bits, RFFU zero after.
    case channelNumber(UInt16)
    /// LIFETIME in seconds (RFC 8656 §18.2).
    case lifetime(UInt32)
    /// XOR-PEER-ADDRESS (RFC 8656 §18.3).
    case xorPeerAddress(TransportAddress)
    /// DATA (RFC 8656 §18.4).
    case data([UInt8])
    /// XOR-RELAYED-ADDRESS (RFC 8656 §18.5).
    case xorRelayedAddress(TransportAddress)
    /// REQUESTED-TRANSPORT protocol number (RFC 8656 §18.7); 17 is UDP.
    case requestedTransport(UInt8)
    /// DONT-FRAGMENT (RFC 8656 §18.8), a flag with no value.
    case dontFragment
    /// Any attribute this codec does not model, with its raw value (no padding).
    case unknown(type: UInt16, value: [UInt8])

    /// The attribute's type number.
    public var type: STUNAttributeType {
        switch self {
        case .mappedAddress: .mappedAddress
        case .xorMappedAddress: .xorMappedAddress
        case .username: .username
        case .messageIntegrity: .messageIntegrity
        case .messageIntegritySHA256: .messageIntegritySHA256
        case .fingerprint: .fingerprint
        case .errorCode: .errorCode
        case .unknownAttributes: .unknownAttributes
        case .realm: .realm
        case .nonce: .nonce
        case .software: .software
        case .priority: .priority
        case .useCandidate: .useCandidate
        case .iceControlling: .iceControlling
        case .iceControlled: .iceControlled
        case .channelNumber: .channelNumber
        case .lifetime: .lifetime
        case .xorPeerAddress: .xorPeerAddress
        case .data: .data
        case .xorRelayedAddress: .xorRelayedAddress
        case .requestedTransport: .requestedTransport
        case .dontFragment: .dontFragment
        case .unknown(let type, _): STUNAttributeType(rawValue: type)
        }
    }
}
