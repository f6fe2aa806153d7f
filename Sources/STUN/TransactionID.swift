import RTCBase

/// The 96-bit STUN transaction ID (RFC 8489 §5), used to match responses to requests.
public struct TransactionID: Hashable, Sendable, CustomStringConvertible {
    /// The first 32 bits.
    public var high: UInt32
    /// The last 64 bits.
    public var low: UInt64

    /// Creates an ID from its two parts.
    public init(high: UInt32, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Creates an ID from exactly 12 bytes; `nil` otherwise.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 12 else { return nil }
        let array = Array(bytes)
        high = array[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        low = array[4..<12].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// A fresh random ID. RFC 8489 §5: "SHOULD be cryptographically random".
    public static func random(using generator: inout some RandomNumberGenerator) -> TransactionID {
        TransactionID(high: UInt32.random(in: .min ... .max, using: &generator),
                      low: UInt64.random(in: .min ... .max, using: &generator))
    }

    /// The 12 bytes in wire order.
    public var bytes: [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: high >> (24 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
    }

    /// Hex of the 12 bytes.
    public var description: String {
        Hex.encode(bytes)
    }
}
