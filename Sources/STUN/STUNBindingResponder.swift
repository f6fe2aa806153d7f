public import RTCBase

/// A plain STUN server's answer to one datagram: what `collab serve` runs on its UDP port so that
/// clients learn their server-reflexive address without a separate STUN server.
///
/// Sans-IO: bytes and the sender's address in, the response bytes (or nothing) out. No
/// authentication (RFC 8489 §9: a Binding request to a public STUN server carries none).
public enum STUNBindingResponder {
    /// Why a datagram got no answer, for counting.
    public enum Ignored: Error, Hashable, Sendable {
        /// Not a STUN message (RFC 7983 first-byte test, or it does not decode).
        case notSTUN
        /// A STUN message that is not a Binding request (responses, indications, other methods).
        case notBindingRequest
    }

    /// The response to `datagram` from `source`: a Binding success with XOR-MAPPED-ADDRESS, or a
    /// 420 error naming unknown comprehension-required attributes (RFC 8489 §6.3.1).
    public static func respond(to datagram: [UInt8], from source: TransportAddress,
                               software: String? = nil) -> Result<[UInt8], Ignored> {
        guard STUNMessage.isSTUN(datagram), let request = try? STUNMessage.decode(datagram) else {
            return .failure(.notSTUN)
        }
        // RFC 8489 §6.3: requests of a method the server does not know get no answer over UDP
        // (only Binding is known here); indications never get one.
        guard request.type == .bindingRequest else { return .failure(.notBindingRequest) }
        var attributes: [STUNAttribute] = []
        let unknown = request.unknownComprehensionRequired
        let type: STUNMessageType
        if unknown.isEmpty {
            type = .bindingSuccess
            // RFC 8489 §14.2: XOR-MAPPED-ADDRESS is the source transport address of the request.
            attributes.append(.xorMappedAddress(source))
        } else {
            type = .bindingError
            attributes.append(.errorCode(STUNErrorCode(code: 420, reason: "Unknown Attribute")))
            attributes.append(.unknownAttributes(unknown))
        }
        if let software { attributes.append(.software(software)) }
        let response = STUNMessage(type: type, transactionID: request.transactionID, attributes: attributes)
        // RFC 8489 §7.3: FINGERPRINT in the response when the request had one.
        return .success(response.encode(fingerprint: request.hasFingerprint))
    }
}
