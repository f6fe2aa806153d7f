/// A protocol-level failure: the code the wire carries and a human-readable message.
///
/// The server sends these as `error` messages; the decoder throws them for bad input, so a
/// parse failure maps directly onto the reply the server owes the client.
public struct SignalingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code.
    public var code: SignalingErrorCode
    /// Free text for humans; never parse it.
    public var message: String

    /// Creates an error with a code and a message.
    public init(_ code: SignalingErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
