/// The class of a STUN message (RFC 8489 §5: "request, success response, error response, or indication").
public enum STUNClass: UInt8, Hashable, Sendable, CaseIterable {
    /// Expects a response.
    case request = 0
    /// Fire-and-forget.
    case indication = 1
    /// A positive answer to a request.
    case successResponse = 2
    /// A negative answer carrying ERROR-CODE.
    case errorResponse = 3
}
