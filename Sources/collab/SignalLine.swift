import Foundation
import WebRTC

/// One line of the stdin/stdout convention the interop peers speak (Interop/README.md):
/// `{"type":"offer"|"answer","sdp":"..."}` or `{"type":"candidate","candidate":"...","sdpMid":"0","sdpMLineIndex":0}`.
struct SignalLine: Codable, Sendable {
    var type: String
    var sdp: String?
    var candidate: String?
    var sdpMid: String?
    var sdpMLineIndex: Int?

    /// Parses a line; `nil` for anything that is not one of the convention's objects.
    static func parse(_ line: String) -> SignalLine? {
        guard let parsed = try? JSONDecoder().decode(SignalLine.self, from: Data(line.utf8)) else { return nil }
        switch parsed.type {
        case "offer", "answer": return parsed.sdp == nil ? nil : parsed
        case "candidate": return parsed.candidate == nil ? nil : parsed
        default: return nil
        }
    }

    /// The description this line carries.
    var description: RTCSessionDescription? {
        guard let sdp, let type = RTCSDPType(rawValue: type) else { return nil }
        return RTCSessionDescription(type: type, sdp: sdp)
    }

    /// The line as compact JSON.
    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Removes `a=candidate` and `a=end-of-candidates` (the `--no-candidates` case: the remote
    /// must learn our address as peer-reflexive from our checks).
    static func strippingCandidates(_ sdp: String) -> String {
        sdp.split(separator: "\r\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("a=candidate:") && !$0.hasPrefix("a=end-of-candidates") }
            .joined(separator: "\r\n")
    }
}
