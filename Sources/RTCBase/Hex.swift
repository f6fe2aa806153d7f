/// Hexadecimal text for bytes: transaction IDs in logs, certificate fingerprints in SDP
/// (RFC 8122 §5, uppercase pairs joined by colons), test vectors.
public enum Hex {
    private static let lower = Array("0123456789abcdef".utf8)
    private static let upper = Array("0123456789ABCDEF".utf8)

    /// The bytes as hex digits, two per byte, with `separator` between pairs when given.
    public static func encode(_ bytes: some Sequence<UInt8>, uppercase: Bool = false, separator: Character? = nil) -> String {
        let digits = uppercase ? upper : lower
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 3)
        let separatorByte = separator.flatMap(\.asciiValue)
        for byte in bytes {
            if let separatorByte, !out.isEmpty { out.append(separatorByte) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses hex digits of either case, two per byte, with `separator` between every pair when
    /// given; `nil` for any other character, an odd digit or a misplaced separator.
    public static func decode(_ text: some StringProtocol, separator: Character? = nil) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty else { return [] }
        let separatorByte = separator.flatMap(\.asciiValue)
        if separator != nil, separatorByte == nil { return nil }
        // n pairs take 2n digits, or 3n - 1 characters with separators.
        let stride = separatorByte == nil ? 2 : 3
        guard (utf8.count + stride - 2) % stride == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / stride + 1)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
            if let separatorByte, index < utf8.count {
                guard utf8[index] == separatorByte else { return nil }
                index += 1
            }
        }
        return out
    }

    /// The value of one hex digit of either case, `nil` for any other byte. Inlinable because
    /// parsers call it per byte on hot paths (the relay's UUID scanner).
    @inlinable
    package static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
