/// The value of an ERROR-CODE attribute (RFC 8489 §14.8): a code 300..699 and a reason phrase.
public struct STUNErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The numeric code, e.g. 401.
    public var code: UInt16
    /// The UTF-8 reason phrase.
    public var reason: String

    /// Creates an error code; `code` must be in 300...699 to encode faithfully.
    public init(code: UInt16, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// 300 Try Alternate.
    public static let tryAlternate = STUNErrorCode(code: 300, reason: "Try Alternate")
    /// 400 Bad Request.
    public static let badRequest = STUNErrorCode(code: 400, reason: "Bad Request")
    /// 401 Unauthenticated.
    public static let unauthenticated = STUNErrorCode(code: 401, reason: "Unauthenticated")
    /// 403 Forbidden.
    public static let forbidden = STUNErrorCode(code: 403, reason: "Forbidden")
    /// 420 Unknown Attribute.
    public static let unknownAttribute = STUNErrorCode(code: 420, reason: "Unknown Attribute")
    /// 437 Allocation Mismatch (TURN).
    public static let allocationMismatch = STUNErrorCode(code: 437, reason: "Allocation Mismatch")
    /// 438 Stale Nonce.
    public static let staleNonce = STUNErrorCode(code: 438, reason: "Stale Nonce")
    /// 442 Unsupported Transport Protocol (TURN).
    public static let unsupportedTransport = STUNErrorCode(code: 442, reason: "Unsupported Transport Protocol")
    /// 487 Role Conflict (ICE, RFC 8445 §7.3.1.1).
    public static let roleConflict = STUNErrorCode(code: 487, reason: "Role Conflict")
    /// 500 Server Error.
    public static let serverError = STUNErrorCode(code: 500, reason: "Server Error")

    /// E.g. `438 Stale Nonce`.
    public var description: String { "\(code) \(reason)" }
}
