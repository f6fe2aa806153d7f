import Foundation

/// Reads the relay messages (`offer`, `answer`, `candidate`) straight from their UTF-8 bytes,
/// without Foundation's `JSONDecoder`, which cost most of a relay's server time.
///
/// It accepts a strict subset of JSON (RFC 8259): one object of the keys `type`, `v`, `to`, `sdp`,
/// `candidate` and `from`, unescaped and each at most once, whose values are strings, `null`, the
/// integer `1` for `v`, and the candidate object (`candidate`, `sdpMid`, `sdpMLineIndex` and the
/// browser's `usernameFragment`). Every string is checked as the decoder checks it, those it
/// ignores too (`usernameFragment`, and a client's `from`, which the server stamps itself; a
/// server message's `from` is its sender): escapes and UTF-8. Anything
/// else, including every malformed input, gives nil: the caller then runs the full decoder, which
/// either agrees or throws the typed ``SignalingError`` the client is owed. So the scanner never
/// decides what is an error, and a message it accepts decodes to exactly what `JSONDecoder` gives.
struct RelayMessageScanner {
    private let bytes: UnsafeRawBufferPointer
    /// Whether `from` is kept (a server message's sender); a client's is only checked.
    private let keepsFrom: Bool
    private var index = 0

    private init(_ bytes: UnsafeRawBufferPointer, keepsFrom: Bool) {
        self.bytes = bytes
        self.keepsFrom = keepsFrom
    }

    /// The relay message these bytes hold, or nil when they are anything else or not certain.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> ClientMessage? {
        guard let (fields, relay) = relay(in: bytes, keepsFrom: false) else { return nil }
        let to = fields.to ?? nil
        return switch relay {
        case .offer(let sdp): .offer(to: to, sdp: sdp)
        case .answer(let sdp): .answer(to: to, sdp: sdp)
        case .candidate(let candidate): .candidate(to: to, candidate: candidate)
        }
    }

    /// The relayed server message (`offer`, `answer`, `candidate` with its `from`) these bytes
    /// hold, or nil when they are anything else or not certain; instances relay these to each
    /// other (the cluster's envelopes), so the same subset applies and ``ServerMessage/decode(_:)``
    /// has the last word on anything else.
    static func scanServer(_ bytes: UnsafeRawBufferPointer) -> ServerMessage? {
        guard let (fields, relay) = relay(in: bytes, keepsFrom: true), fields.to == nil, let from = fields.from else {
            return nil
        }
        return switch relay {
        case .offer(let sdp): .offer(from: from, sdp: sdp)
        case .answer(let sdp): .answer(from: from, sdp: sdp)
        case .candidate(let candidate): .candidate(from: from, candidate: candidate)
        }
    }

    /// What a relay carries, whichever side's message it is.
    private enum Relay {
        case offer(String), answer(String), candidate(ICECandidateInit)
    }

    /// The fields and the relay they make; built straight from the fields, no value in between:
    /// this runs for every relay.
    private static func relay(in bytes: UnsafeRawBufferPointer, keepsFrom: Bool) -> (Fields, Relay)? {
        var scanner = RelayMessageScanner(bytes, keepsFrom: keepsFrom)
        guard let fields = scanner.fields(), let type = fields.type else { return nil }
        switch type {
        case "offer": return fields.sdp.map { (fields, .offer($0)) }
        case "answer": return fields.sdp.map { (fields, .answer($0)) }
        case "candidate": return fields.candidate.map { (fields, .candidate($0)) }
        default: return nil
        }
    }

    /// The keys this subset reads; any other key sends the message to the full decoder.
    private enum Key: UInt8 {
        case type, v, to, sdp, candidate, from, sdpMid, sdpMLineIndex, usernameFragment

        init?(_ raw: Slice<UnsafeRawBufferPointer>) {
            var value: UInt8 = 0
            while let key = Key(rawValue: value) {
                if key.name.elementsEqual(raw) {
                    self = key
                    return
                }
                value += 1
            }
            return nil
        }

        var name: String.UTF8View {
            switch self {
            case .type: "type".utf8
            case .v: "v".utf8
            case .to: "to".utf8
            case .sdp: "sdp".utf8
            case .candidate: "candidate".utf8
            case .from: "from".utf8
            case .sdpMid: "sdpMid".utf8
            case .sdpMLineIndex: "sdpMLineIndex".utf8
            case .usernameFragment: "usernameFragment".utf8
            }
        }

        var bit: UInt16 { 1 << rawValue }
    }

    /// The fields a relay message may carry; a client's `from` is read and ignored (the server
    /// stamps its own), a server message's is its sender.
    private struct Fields {
        var type: String?
        var to: UUID??
        /// Nil also for a `from` that is not a plain UUID string (the full decoder judges those).
        var from: UUID?
        var sdp: String?
        var candidate: ICECandidateInit?
        /// Keys seen so far: a repeated key goes to the full decoder.
        var seen: UInt16 = 0
    }

    /// The object's fields, or nil when it is not one object of this subset.
    private mutating func fields() -> Fields? {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return nil }
        var fields = Fields()
        skipWhitespace()
        if !take(UInt8(ascii: "}")) {
            repeat {
                skipWhitespace()
                guard let key = plainKey(), fields.seen & key.bit == 0 else { return nil }
                fields.seen |= key.bit
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipWhitespace()
                guard value(for: key, into: &fields) else { return nil }
                skipWhitespace()
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        skipWhitespace()
        guard index == bytes.count else { return nil }
        return fields
    }

    /// Reads the value of `key` into `fields`; false when it is not one this subset accepts.
    private mutating func value(for key: Key, into fields: inout Fields) -> Bool {
        switch key {
        case .type:
            guard let text = string() else { return false }
            fields.type = text
        case .v:
            // The only version this library speaks; any other value is the full decoder's to refuse.
            guard take(UInt8(ascii: "1")), index == bytes.count || !Self.isNumberByte(bytes[index]) else { return false }
        case .to:
            if takeLiteral("null") {
                fields.to = .some(nil)
            } else {
                guard let text = stringBytes(), let id = UUID(asciiHex: text) else { return false }
                fields.to = .some(id)
            }
        case .sdp:
            guard let text = string() else { return false }
            fields.sdp = text
        case .candidate:
            guard let candidate = candidateObject() else { return false }
            fields.candidate = candidate
        case .from:
            // Read as the decoder reads it (a bad escape there is the sender's error); a client's is
            // ignored (clients such as sigload send one with every relay: no UUID parsed for it).
            let start = index
            guard string() != nil else { return false }
            if keepsFrom { fields.from = UUID(asciiHex: bytes[(start + 1)..<(index - 1)]) }
        case .sdpMid, .sdpMLineIndex, .usernameFragment:
            return false
        }
        return true
    }

    /// `{candidate, sdpMid?, sdpMLineIndex?, usernameFragment?}` with a small non-negative
    /// index; `usernameFragment` (which browsers send, W3C `RTCIceCandidateInit`) is read and
    /// dropped, as the decoder drops it.
    private mutating func candidateObject() -> ICECandidateInit? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var candidate: String?
        var mid: String??
        var line: Int??
        var fragmentSeen = false
        skipWhitespace()
        if !take(UInt8(ascii: "}")) {
            repeat {
                skipWhitespace()
                guard let key = plainKey() else { return nil }
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipWhitespace()
                switch key {
                case .candidate where candidate == nil:
                    guard let text = string() else { return nil }
                    candidate = text
                case .sdpMid where mid == nil:
                    if takeLiteral("null") { mid = .some(nil) } else {
                        guard let text = string() else { return nil }
                        mid = .some(text)
                    }
                case .sdpMLineIndex where line == nil:
                    if takeLiteral("null") { line = .some(nil) } else {
                        guard let number = smallInteger() else { return nil }
                        line = .some(number)
                    }
                case .usernameFragment where !fragmentSeen:
                    fragmentSeen = true
                    guard takeLiteral("null") || string() != nil else { return nil }
                default:
                    return nil
                }
                skipWhitespace()
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        guard let candidate else { return nil }
        return ICECandidateInit(candidate: candidate, sdpMid: mid ?? nil, sdpMLineIndex: line ?? nil)
    }

    /// Up to 6 decimal digits without sign, fraction or exponent (an m-line index).
    private mutating func smallInteger() -> Int? {
        let start = index
        var value = 0
        // Stops at the seventh digit so that no length of digits from the network can overflow `value`.
        while index < bytes.count, index - start <= 6,
              bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        let digits = index - start
        guard digits >= 1, digits <= 6, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        guard index == bytes.count || !Self.isNumberByte(bytes[index]) else { return nil }
        return value
    }

    /// One of the keys this subset reads, written without escapes.
    private mutating func plainKey() -> Key? {
        stringBytes().flatMap(Key.init)
    }

    /// A string value, unescaped; nil for an escape this subset leaves to the full decoder.
    private mutating func string() -> String? {
        guard let raw = stringBytes() else { return nil }
        guard raw.contains(UInt8(ascii: "\\")) else { return String(validating: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            let byte = raw[i]
            i += 1
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            // stringBytes() guarantees a byte after every backslash.
            switch raw[i] {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            default: return nil  // \uXXXX (and anything invalid): the full decoder's job
            }
            i += 1
        }
        return String(validating: out, as: UTF8.self)
    }

    /// The raw bytes between a string's quotes (escapes still in); nil for a control character
    /// or an unterminated string.
    private mutating func stringBytes() -> Slice<UnsafeRawBufferPointer>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while true {
            index = JSONSpecialBytes.first(in: bytes, from: index)
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                defer { index += 1 }
                return bytes[start..<index]
            case UInt8(ascii: "\\"):
                // The escaped byte is checked by whoever unescapes (a control byte here is
                // invalid JSON either way, which the full decoder reports).
                guard index + 1 < bytes.count, bytes[index + 1] >= 0x20 else { return nil }
                index += 2
            default:
                return nil
            }
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func takeLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        if matches { index += count }
        return matches
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Bytes that would continue a JSON number (so `1` followed by one is not the integer 1).
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
            UInt8(ascii: "+"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
