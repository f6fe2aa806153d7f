import RTCBase

extension STUNAttribute {
    /// RFC 8489 §14.3/14.9/14.10/14.14: text attributes are "less than 763 bytes" (USERNAME 513).
    static let maxTextLength = 763

    /// Encodes the attribute's value without header or padding. `transactionID` feeds the XOR of
    /// IPv6 addresses.
    func encodeValue(transactionID: TransactionID) -> [UInt8] {
        var writer = ByteWriter(capacity: 24)
        switch self {
        case .mappedAddress(let address):
            Self.writeAddress(address, xor: nil, into: &writer)
        case .xorMappedAddress(let address), .xorPeerAddress(let address), .xorRelayedAddress(let address):
            Self.writeAddress(address, xor: transactionID, into: &writer)
        case .username(let text), .realm(let text), .nonce(let text), .software(let text):
            writer.write(text.utf8)
        case .messageIntegrity(let bytes), .messageIntegritySHA256(let bytes), .data(let bytes):
            writer.write(bytes)
        case .fingerprint(let value), .priority(let value), .lifetime(let value):
            writer.write(value)
        case .errorCode(let error):
            // RFC 8489 §14.8: 21 reserved bits, Class (hundreds) in 3 bits, Number (0-99) in 8 bits.
            writer.write(UInt16(0))
            writer.write(UInt8((error.code / 100) & 0x07))
            writer.write(UInt8(error.code % 100))
            writer.write(error.reason.utf8)
        case .unknownAttributes(let types):
            for type in types { writer.write(type) }
        case .useCandidate, .dontFragment:
            break
        case .iceControlling(let tieBreaker), .iceControlled(let tieBreaker):
            writer.write(tieBreaker)
        case .channelNumber(let channel):
            writer.write(channel)
            writer.write(UInt16(0))
        case .requestedTransport(let proto):
            writer.write(proto)
            writer.write([0, 0, 0])
        case .unknown(_, let value):
            writer.write(value)
        }
        return writer.bytes
    }

    /// Decodes one attribute value (padding already stripped).
    static func decode(type: UInt16, value: [UInt8], transactionID: TransactionID) throws(STUNError) -> STUNAttribute {
        let kind = STUNAttributeType(rawValue: type)
        var reader = ByteReader(value)
        func exact<T>(_ count: Int, _ read: (inout ByteReader) -> T?) throws(STUNError) -> T {
            guard value.count == count, let result = read(&reader) else { throw .invalidAttribute(type: type) }
            return result
        }
        func text(max: Int = maxTextLength) throws(STUNError) -> String {
            guard value.count <= max, let string = String(validating: value, as: UTF8.self) else {
                throw .invalidText(type: type)
            }
            return string
        }
        switch kind {
        case .mappedAddress:
            return .mappedAddress(try readAddress(value, xor: nil, type: type))
        case .xorMappedAddress:
            return .xorMappedAddress(try readAddress(value, xor: transactionID, type: type))
        case .xorPeerAddress:
            return .xorPeerAddress(try readAddress(value, xor: transactionID, type: type))
        case .xorRelayedAddress:
            return .xorRelayedAddress(try readAddress(value, xor: transactionID, type: type))
        case .username:
            return .username(try text(max: 513))
        case .realm:
            return .realm(try text())
        case .nonce:
            return .nonce(try text())
        case .software:
            return .software(try text())
        case .messageIntegrity:
            guard value.count == 20 else { throw .invalidAttribute(type: type) }
            return .messageIntegrity(value)
        case .messageIntegritySHA256:
            // RFC 8489 §14.6: at least 16 bytes, at most 32, a multiple of 4.
            guard (16...32).contains(value.count), value.count % 4 == 0 else { throw .invalidAttribute(type: type) }
            return .messageIntegritySHA256(value)
        case .fingerprint:
            return .fingerprint(try exact(4) { $0.readUInt32() })
        case .priority:
            return .priority(try exact(4) { $0.readUInt32() })
        case .lifetime:
            return .lifetime(try exact(4) { $0.readUInt32() })
        case .errorCode:
            guard value.count >= 4 else { throw .invalidAttribute(type: type) }
            let hundreds = UInt16(value[2] & 0x07), number = UInt16(value[3])
            guard (3...6).contains(hundreds), number < 100 else { throw .invalidAttribute(type: type) }
            guard let reason = String(validating: value[4...], as: UTF8.self), value.count - 4 <= maxTextLength else {
                throw .invalidText(type: type)
            }
            return .errorCode(STUNErrorCode(code: hundreds * 100 + number, reason: reason))
        case .unknownAttributes:
            guard value.count % 2 == 0 else { throw .invalidAttribute(type: type) }
            return .unknownAttributes(stride(from: 0, to: value.count, by: 2).map {
                UInt16(value[$0]) << 8 | UInt16(value[$0 + 1])
            })
        case .useCandidate:
            guard value.isEmpty else { throw .invalidAttribute(type: type) }
            return .useCandidate
        case .dontFragment:
            guard value.isEmpty else { throw .invalidAttribute(type: type) }
            return .dontFragment
        case .iceControlling:
            return .iceControlling(try exact(8) { $0.readUInt64() })
        case .iceControlled:
            return .iceControlled(try exact(8) { $0.readUInt64() })
        case .channelNumber:
            return .channelNumber(try exact(4) { $0.readUInt16() })
        case .requestedTransport:
            return .requestedTransport(try exact(4) { $0.readUInt8() })
        case .data:
            return .data(value)
        default:
            return .unknown(type: type, value: value)
        }
    }

    private static func writeAddress(_ address: TransportAddress, xor transactionID: TransactionID?, into writer: inout ByteWriter) {
        writer.write(UInt8(0))
        writer.write(UInt8(address.ip.isIPv4 ? 0x01 : 0x02))
        guard let transactionID else {
            writer.write(address.port)
            writer.write(address.ip.bytes)
            return
        }
        // RFC 8489 §14.2: X-Port is the port XOR the 16 most significant bits of the magic cookie;
        // X-Address is XOR the cookie (IPv4) or the cookie followed by the transaction ID (IPv6).
        writer.write(address.port ^ UInt16(STUNMessage.magicCookie >> 16))
        let mask = xorMask(transactionID)
        writer.write(zip(address.ip.bytes, mask).map { $0 ^ $1 })
    }

    private static func readAddress(_ value: [UInt8], xor transactionID: TransactionID?, type: UInt16) throws(STUNError) -> TransportAddress {
        guard value.count >= 4 else { throw .invalidAttribute(type: type) }
        let family = value[1]
        let length: Int
        switch family {
        case 0x01: length = 4
        case 0x02: length = 16
        default: throw .invalidAttribute(type: type)
        }
        guard value.count == 4 + length else { throw .invalidAttribute(type: type) }
        var port = UInt16(value[2]) << 8 | UInt16(value[3])
        var raw = Array(value[4...])
        if let transactionID {
            port ^= UInt16(STUNMessage.magicCookie >> 16)
            raw = zip(raw, xorMask(transactionID)).map { $0 ^ $1 }
        }
        guard let ip = IPAddress(bytes: raw) else { throw .invalidAttribute(type: type) }
        return TransportAddress(ip: ip, port: port)
    }

    private static func xorMask(_ transactionID: TransactionID) -> [UInt8] {
        [0x21, 0x12, 0xA4, 0x42] + transactionID.bytes
    }
}
