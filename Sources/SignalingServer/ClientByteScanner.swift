import Foundation

/// Follows the raw bytes a client sends on one connection, before any HTTP or WebSocket parsing:
/// where its first request head ends, whether that head asks for a WebSocket, and then the frame
/// headers, to refuse a frame without a mask (RFC 6455 section 5.1: a server must close the
/// connection when a client frame is not masked; the WebSocket library does not check).
///
/// Sans-IO: ``ConnectionGuardHandler`` feeds it each read and acts on the verdict.
struct ClientByteScanner: Sendable {
    /// What the bytes fed so far amount to.
    enum Verdict: Sendable, Equatable {
        /// Nothing to do.
        case pass
        /// The first request head is complete (the header deadline no longer applies).
        case headComplete
        /// A client frame without a mask: close with 1002.
        case unmaskedFrame
    }

    private enum State: Sendable {
        /// Reading the first request head (kept in `head`); `tail` is how much of `\r\n\r\n`
        /// the bytes end with.
        case head(tail: Int)
        /// After a WebSocket request head: a frame header being collected.
        case frameHeader([UInt8])
        /// Inside a frame's payload: bytes still to skip.
        case payload(Int)
        /// Nothing left to watch (plain HTTP, or a verdict already given).
        case done
    }

    /// Pong frames the client has sent so far (the server's keepalive reads it: the WebSocket
    /// layer answers and consumes control frames before the connection's code sees them).
    private(set) var pongs = 0

    private static let terminator: [UInt8] = Array("\r\n\r\n".utf8)
    /// Head bytes kept to look for the upgrade header; a longer head is not a WebSocket upgrade
    /// this server would accept anyway.
    private static let headLimit = 16 * 1024
    private var state = State.head(tail: 0)
    /// The first request head so far, up to `headLimit`. Outside `state`: an array inside an enum
    /// payload is copied on every append (the payload and `state` share it), which made a 16 KiB
    /// head cost ~130 MB of copying.
    private var head: [UInt8] = []

    /// Feeds the bytes of one read.
    mutating func feed(_ bytes: some Collection<UInt8>) -> Verdict {
        var verdict = Verdict.pass
        var index = bytes.startIndex
        while index != bytes.endIndex {
            switch state {
            case .done:
                return verdict
            case .head(var tail):
                let byte = bytes[index]
                index = bytes.index(after: index)
                if head.count < Self.headLimit { head.append(byte) }
                tail = byte == Self.terminator[tail] ? tail + 1 : (byte == Self.terminator[0] ? 1 : 0)
                if tail == Self.terminator.count {
                    verdict = .headComplete
                    state = Self.asksForWebSocket(head) ? .frameHeader([]) : .done
                    head = []
                } else {
                    state = .head(tail: tail)
                }
            case .frameHeader(var header):
                header.append(bytes[index])
                index = bytes.index(after: index)
                guard header.count >= 2 else {
                    state = .frameHeader(header)
                    continue
                }
                guard header[1] & 0x80 != 0 else {
                    state = .done
                    return .unmaskedFrame
                }
                let short = Int(header[1] & 0x7F)
                let extended = short == 126 ? 2 : (short == 127 ? 8 : 0)
                guard header.count == 2 + extended + 4 else {
                    state = .frameHeader(header)
                    continue
                }
                let length = extended == 0 ? short : header[2..<(2 + extended)].reduce(0) { $0 << 8 | Int($1) }
                if header[0] & 0x0F == 0x0A { pongs += 1 }
                // A length beyond Int is not a frame the decoder accepts either; stop watching.
                state = length < 0 ? .done : (length == 0 ? .frameHeader([]) : .payload(length))
            case .payload(let remaining):
                let available = bytes.distance(from: index, to: bytes.endIndex)
                let skipped = min(remaining, available)
                index = bytes.index(index, offsetBy: skipped)
                state = remaining == skipped ? .frameHeader([]) : .payload(remaining - skipped)
            }
        }
        return verdict
    }

    /// Whether a request head carries `Upgrade: websocket` (header names and the token are
    /// case-insensitive, RFC 9110 and RFC 6455 section 4.2.1).
    private static func asksForWebSocket(_ head: [UInt8]) -> Bool {
        let text = String(decoding: head, as: UTF8.self).lowercased()
        return text.split(separator: "\r\n").contains { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            return line[..<colon].trimmingCharacters(in: .whitespaces) == "upgrade"
                && line[line.index(after: colon)...].split(separator: ",").contains {
                    $0.trimmingCharacters(in: .whitespaces) == "websocket"
                }
        }
    }
}
