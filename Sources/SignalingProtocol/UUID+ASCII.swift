import Foundation
import RTCBase

extension UUID {
    /// Parses the 36-character form `8-4-4-4-12` of hex digits in either case, the only form
    /// `uuidString` produces; nil for anything else (Foundation's parser goes through `sscanf`,
    /// which showed in the relay's profile).
    init?(asciiHex text: some Collection<UInt8>) {
        guard text.count == 36 else { return nil }
        var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed: Bool = withUnsafeMutableBytes(of: &bytes) { out in
            var position = 0
            var high: UInt8?
            var written = 0
            for byte in text {
                defer { position += 1 }
                if position == 8 || position == 13 || position == 18 || position == 23 {
                    guard byte == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard let nibble = Hex.value(byte) else { return false }
                if let first = high {
                    out[written] = first << 4 | nibble
                    written += 1
                    high = nil
                } else {
                    high = nibble
                }
            }
            return written == 16
        }
        guard parsed else { return nil }
        self.init(uuid: bytes)
    }

    /// Appends `uuidString` (upper-case hex, `8-4-4-4-12`) to `out` without formatting through
    /// `printf`.
    func appendASCII(to out: inout [UInt8]) {
        let digits: StaticString = "0123456789ABCDEF"
        withUnsafeBytes(of: uuid) { bytes in
            digits.withUTF8Buffer { hex in
                for (offset, byte) in bytes.enumerated() {
                    if offset == 4 || offset == 6 || offset == 8 || offset == 10 { out.append(UInt8(ascii: "-")) }
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0F)])
                }
            }
        }
    }
}
