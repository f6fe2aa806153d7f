/// Finds the bytes a JSON string cannot hold as they are (`"`, `\` and the control characters
/// below U+0020, RFC 8259 §7) eight at a time: the relay's SDP strings are hundreds of bytes
/// with few or none of them, and a byte loop over them showed in the profile.
enum JSONSpecialBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first special byte at or after `start`, or `bytes.count`.
    static func first(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index + 8 <= bytes.count, !mayHoldSpecial(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return index
    }

    /// False only when none of the word's eight bytes is special (true may be a false alarm,
    /// which the byte loop then settles).
    private static func mayHoldSpecial(_ word: UInt64) -> Bool {
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let zeroInQuotes = (quotes &- ones) & ~quotes
        let zeroInBackslashes = (backslashes &- ones) & ~backslashes
        let below20 = (word &- ones &* 0x20) & ~word
        return (zeroInQuotes | zeroInBackslashes | below20) & highs != 0
    }
}
