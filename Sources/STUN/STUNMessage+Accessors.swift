public import RTCBase

extension STUNMessage {
    /// The first XOR-MAPPED-ADDRESS, falling back to MAPPED-ADDRESS for RFC 3489 servers.
    public var mappedAddress: TransportAddress? {
        for case .xorMappedAddress(let address) in attributes { return address }
        for case .mappedAddress(let address) in attributes { return address }
        return nil
    }

    /// The USERNAME, if any.
    public var username: String? {
        for case .username(let value) in attributes { return value }
        return nil
    }

    /// The ERROR-CODE, if any.
    public var errorCode: STUNErrorCode? {
        for case .errorCode(let value) in attributes { return value }
        return nil
    }

    /// The REALM, if any.
    public var realm: String? {
        for case .realm(let value) in attributes { return value }
        return nil
    }

    /// The NONCE, if any.
    public var nonce: String? {
        for case .nonce(let value) in attributes { return value }
        return nil
    }

    /// The PRIORITY, if any.
    public var priority: UInt32? {
        for case .priority(let value) in attributes { return value }
        return nil
    }

    /// Whether USE-CANDIDATE is present.
    public var hasUseCandidate: Bool {
        attributes.contains(.useCandidate)
    }

    /// The ICE-CONTROLLING tie-breaker, if present.
    public var iceControlling: UInt64? {
        for case .iceControlling(let value) in attributes { return value }
        return nil
    }

    /// The ICE-CONTROLLED tie-breaker, if present.
    public var iceControlled: UInt64? {
        for case .iceControlled(let value) in attributes { return value }
        return nil
    }

    /// The LIFETIME in seconds, if present.
    public var lifetime: UInt32? {
        for case .lifetime(let value) in attributes { return value }
        return nil
    }

    /// The XOR-RELAYED-ADDRESS, if present.
    public var relayedAddress: TransportAddress? {
        for case .xorRelayedAddress(let value) in attributes { return value }
        return nil
    }

    /// The XOR-PEER-ADDRESS, if present.
    public var peerAddress: TransportAddress? {
        for case .xorPeerAddress(let value) in attributes { return value }
        return nil
    }

    /// The DATA payload, if present.
    public var data: [UInt8]? {
        for case .data(let value) in attributes { return value }
        return nil
    }

    /// The CHANNEL-NUMBER, if present.
    public var channelNumber: UInt16? {
        for case .channelNumber(let value) in attributes { return value }
        return nil
    }

    /// Whether the message carries MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256.
    public var hasIntegrity: Bool {
        attributes.contains { $0.type == .messageIntegrity || $0.type == .messageIntegritySHA256 }
    }

    /// Whether the message carries FINGERPRINT (already verified by ``decode(_:)``).
    public var hasFingerprint: Bool {
        attributes.contains { $0.type == .fingerprint }
    }

    /// Comprehension-required attribute types (0x0000-0x7FFF) that this codec does not model, the
    /// list a server answers with 420 and UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1.1).
    public var unknownComprehensionRequired: [UInt16] {
        attributes.compactMap {
            if case .unknown(let type, _) = $0, type < 0x8000 { return type }
            return nil
        }
    }
}
