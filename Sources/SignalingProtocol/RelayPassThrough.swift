public import Foundation

/// A client's offer or answer turned into the server's relay of it without decoding the SDP:
/// the client's JSON, in the form ``ClientMessage/jsonText()`` writes it,
///
///     {"type":"offer","to":"<target>","sdp":"<SDP>"}
///
/// becomes the server's, as ``ServerMessage/jsonBytes()`` writes it,
///
///     {"type":"offer","from":"<sender>","sdp":"<SDP>"}
///
/// with the SDP's JSON text copied as it is. A cluster's home instance relays what its members on
/// other instances send this way: those instances wrote the JSON themselves, so building the SDP
/// as a `String` and escaping it again would only cost time.
///
/// Only that exact form is read: the keys in that order, each once, nothing else, and an SDP of
/// ASCII without control characters but the short escapes ``ClientMessage/jsonText()`` writes
/// (RFC 8259 §7: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`). Anything else throws a ``RelayPassThroughError``; the caller then decodes the
/// message in full (``ClientMessage/decode(utf8:)``), which accepts or rejects it as for any
/// client. So what passes through is a message that decoder reads as the same offer or answer,
/// and the output is what ``ServerMessage/jsonBytes()`` would write for it.
public struct RelayPassThrough: Sendable, Equatable {
    /// Who the relay is for (`to`).
    public let target: UUID
    /// The server's JSON, the sender's ID still to be written (``stamp(sender:)``).
    public private(set) var serverJSON: [UInt8]
    /// Where the sender's 36 characters go in ``serverJSON``.
    private let senderAt: Int

    private static let uuidLength = 36

    /// Reads a client's relay; throws when the bytes are not exactly the form above.
    public init(clientJSON bytes: UnsafeRawBufferPointer) throws(RelayPassThroughError) {
        var reader = FixedFormReader(bytes)
        guard reader.take(#"{"type":""#) else { throw .notARelay }
        let type: StaticString
        if reader.take(#"offer""#) { type = "offer" } else if reader.take(#"answer""#) { type = "answer" } else {
            throw .notARelay
        }
        guard reader.take(#","to":""#) else { throw .noTarget }
        let targetStart = reader.index
        guard bytes.count - targetStart >= Self.uuidLength,
            let target = UUID(asciiHex: bytes[targetStart..<(targetStart + Self.uuidLength)])
        else { throw .badTarget }
        reader.index += Self.uuidLength
        guard reader.take(#"",""#) else { throw .badTarget }
        // From here on, `"sdp":"...."}` is copied as it is: check it first.
        let body = reader.index
        guard reader.take(#"sdp":""#) else { throw .notPlain }
        try reader.skipPlainString()
        guard reader.take("}"), reader.index == bytes.count, Self.isASCII(UnsafeRawBufferPointer(rebasing: bytes[body...])) else {
            throw .notPlain
        }

        self.target = target
        var json: [UInt8] = []
        json.reserveCapacity(bytes.count + 4)
        type.withUTF8Buffer { name in
            json += #"{"type":""#.utf8
            json += name
            json += #"","from":""#.utf8
        }
        senderAt = json.count
        json += repeatElement(UInt8(ascii: "0"), count: Self.uuidLength)
        json += #"",""#.utf8
        json += UnsafeRawBufferPointer(rebasing: bytes[body...])
        serverJSON = json
    }

    /// Writes the sender's participant ID (`from`) into ``serverJSON``.
    public mutating func stamp(sender: UUID) {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(Self.uuidLength)
        sender.appendASCII(to: &ascii)
        serverJSON.replaceSubrange(senderAt..<(senderAt + Self.uuidLength), with: ascii)
    }

    /// Whether every byte is below 0x80, eight at a time (UTF-8 beyond ASCII is the full
    /// decoder's to check).
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var seen: UInt64 = 0
        while index + 8 <= bytes.count {
            seen |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            seen |= UInt64(bytes[index])
            index += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }
}

extension FixedFormReader {
    /// The rest of a string whose opening quote was read, up to and past its closing quote:
    /// printable ASCII and the short escapes only.
    fileprivate mutating func skipPlainString() throws(RelayPassThroughError) {
        while true {
            // Runs without `"`, `\` or a control character, eight bytes at a time.
            index = JSONSpecialBytes.first(in: bytes, from: index)
            guard index < bytes.count else { throw .notPlain }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { throw .notPlain }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                    UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                default:
                    // `\u` and `\/` (valid, but not what the writer makes) and anything invalid
                    // are the full decoder's to judge.
                    throw .notPlain
                }
            default:
                // A raw control character: invalid JSON.
                throw .notPlain
            }
        }
    }
}
