/// One data-channel message: text or binary, possibly empty (RFC 8831 §6.6).
public enum DataChannelMessage: Hashable, Sendable {
    /// A UTF-8 string (PPID 51, or 56 when empty).
    case text(String)
    /// Bytes (PPID 53, or 57 when empty).
    case binary([UInt8])

    /// The message's size on the wire, as `bufferedAmount` counts it.
    public var byteCount: Int {
        switch self {
        case .text(let string): string.utf8.count
        case .binary(let bytes): bytes.count
        }
    }
}
