/// An IPv4 or IPv6 address as plain bytes, printable and parsable in the usual text forms.
public enum IPAddress: Hashable, Sendable {
    /// An IPv4 address in network byte order packed into a `UInt32` (`1.2.3.4` is `0x01020304`).
    case v4(UInt32)
    /// An IPv6 address as its high and low 64 bits in network order.
    case v6(high: UInt64, low: UInt64)

    /// The IPv4 loopback address `127.0.0.1`.
    public static let loopbackV4 = IPAddress.v4(0x7F00_0001)
    /// The IPv6 loopback address `::1`.
    public static let loopbackV6 = IPAddress.v6(high: 0, low: 1)

    /// Creates an address from 4 or 16 network-order bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        switch array.count {
        case 4:
            self = .v4(array.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        case 16:
            let high = array[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let low = array[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            self = .v6(high: high, low: low)
        default:
            return nil
        }
    }

    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public var bytes: [UInt8] {
        switch self {
        case .v4(let value):
            return (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
        case .v6(let high, let low):
            return (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
                + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
        }
    }

    /// Whether this is an IPv4 address.
    public var isIPv4: Bool {
        if case .v4 = self { return true }
        return false
    }

    /// Whether this is `127.0.0.0/8` or `::1`.
    public var isLoopback: Bool {
        switch self {
        case .v4(let value): return value >> 24 == 127
        case .v6(let high, let low): return high == 0 && low == 1
        }
    }

    /// Whether this is an IPv6 link-local address (`fe80::/10`) or IPv4 `169.254.0.0/16`.
    public var isLinkLocal: Bool {
        switch self {
        case .v4(let value): return value >> 16 == 0xA9FE
        case .v6(let high, _): return high >> 54 == 0x3FA
        }
    }
}
