import Foundation

/// Writes the flat JSON objects of the relay hot path by hand.
///
/// Foundation's `JSONEncoder` costs about 8 µs per small message here, most of a relay's budget;
/// this writer costs well under 1 µs. Strings are escaped per RFC 8259 §7: `"` and `\`, and every
/// control character below U+0020 (short forms where JSON has them, `\u00XX` otherwise). Output is
/// checked against `JSONSerialization` in the tests.
struct JSONTextWriter {
    private(set) var bytes: [UInt8] = []
    private var first = true

    /// Room for a message carrying `textBytes` of text its sender chose (an SDP, a candidate) with
    /// their escapes (each `\r\n` line end of an SDP grows by two bytes), so an offer of a few
    /// hundred bytes is written without the array growing twice on the way; the default for a
    /// message with none (0).
    static func capacity(relaying textBytes: Int) -> Int {
        textBytes == 0 ? 128 : 96 + textBytes + textBytes / 8
    }

    init(capacity: Int = 128) {
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    mutating func field(_ key: StaticString, _ value: String) {
        writeKey(key)
        string(value)
    }

    mutating func field(_ key: StaticString, _ value: Int) {
        writeKey(key)
        bytes += Array(String(value).utf8)
    }

    /// A nested object written by `body`.
    mutating func field(_ key: StaticString, object body: (inout JSONTextWriter) -> Void) {
        writeKey(key)
        var nested = JSONTextWriter()
        body(&nested)
        bytes += nested.finish()
    }

    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func writeKey(_ key: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes += $0 }
        bytes += [UInt8(ascii: "\""), UInt8(ascii: ":")]
    }

    /// A UUID as `uuidString` writes it, without going through `printf`.
    mutating func field(_ key: StaticString, uuid: UUID) {
        writeKey(key)
        bytes.append(UInt8(ascii: "\""))
        uuid.appendASCII(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Runs that need no escape (all of a typical SDP line) are copied in one append.
            let raw = UnsafeRawBufferPointer(utf8)
            var runStart = 0
            while true {
                let special = JSONSpecialBytes.first(in: raw, from: runStart)
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[runStart..<special]))
                guard special < raw.count else { break }
                escape(raw[special])
                runStart = special + 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            hex.withUTF8Buffer { digits in
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0xF)])
            }
        }
    }

    /// The W3C `RTCIceCandidateInit` fields; absent optionals are omitted.
    mutating func write(_ candidate: ICECandidateInit) {
        field("candidate", candidate.candidate)
        if let mid = candidate.sdpMid { field("sdpMid", mid) }
        if let index = candidate.sdpMLineIndex { field("sdpMLineIndex", index) }
    }
}
