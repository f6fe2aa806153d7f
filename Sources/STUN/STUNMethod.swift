/// A STUN method: 12 bits, e.g. Binding (STUN) or Allocate (TURN).
public struct STUNMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 12-bit method number.
    public var rawValue: UInt16

    /// Creates a method from its number; only the low 12 bits are meaningful on the wire.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue & 0x0FFF
    }

    /// RFC 8489 Binding.
    public static let binding = STUNMethod(rawValue: 0x001)
    /// RFC 8656 Allocate.
    public static let allocate = STUNMethod(rawValue: 0x003)
    /// RFC 8656 Refresh.
    public static let refresh = STUNMethod(rawValue: 0x004)
    /// RFC 8656 Send (indication only).
    public static let send = STUNMethod(rawValue: 0x006)
    /// RFC 8656 Data (indication only).
    public static let data = STUNMethod(rawValue: 0x007)
    /// RFC 8656 CreatePermission.
    public static let createPermission = STUNMethod(rawValue: 0x008)
    /// RFC 8656 ChannelBind.
    public static let channelBind = STUNMethod(rawValue: 0x009)

    /// The method's name, or its number in hex.
    public var description: String {
        switch self {
        case .binding: "Binding"
        case .allocate: "Allocate"
        case .refresh: "Refresh"
        case .send: "Send"
        case .data: "Data"
        case .createPermission: "CreatePermission"
        case .channelBind: "ChannelBind"
        default: "0x" + String(rawValue, radix: 16)
        }
    }
}
