/// A message type: a method and a class, interleaved on the wire.
///
/// RFC 8489 §5:
/// ```
///  0                 1
///  2  3  4 5 6 7 8 9 0 1 2 3 4 5
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
/// |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public struct STUNMessageType: Hashable, Sendable, CustomStringConvertible {
    /// The method.
    public var method: STUNMethod
    /// The class.
    public var messageClass: STUNClass

    /// Creates a message type.
    public init(method: STUNMethod, class messageClass: STUNClass) {
        self.method = method
        self.messageClass = messageClass
    }

    /// Decodes the 14 meaningful bits of the type field; the top two bits must be zero.
    public init(rawValue: UInt16) {
        let m = rawValue & 0x000F | (rawValue & 0x00E0) >> 1 | (rawValue & 0x3E00) >> 2
        let c = (rawValue & 0x0010) >> 4 | (rawValue & 0x0100) >> 7
        self.init(method: STUNMethod(rawValue: m), class: STUNClass(rawValue: UInt8(c))!)
    }

    /// The type field as it goes on the wire.
    public var rawValue: UInt16 {
        let m = method.rawValue
        let c = UInt16(messageClass.rawValue)
        return m & 0x000F | (m & 0x0070) << 1 | (m & 0x0F80) << 2 | (c & 1) << 4 | (c & 2) << 7
    }

    /// A Binding request.
    public static let bindingRequest = STUNMessageType(method: .binding, class: .request)
    /// A Binding success response.
    public static let bindingSuccess = STUNMessageType(method: .binding, class: .successResponse)
    /// A Binding error response.
    public static let bindingError = STUNMessageType(method: .binding, class: .errorResponse)
    /// A Binding indication (keepalive).
    public static let bindingIndication = STUNMessageType(method: .binding, class: .indication)

    /// E.g. `Binding request`.
    public var description: String { "\(method) \(messageClass)" }
}
