import Foundation
import Synchronization

/// The port the server's STUN responder is bound to, once it is (0 until then, and when off).
final class STUNPortBox: Sendable {
    private let value = Atomic<Int>(0)

    /// The bound port, or `nil` when no responder runs.
    var port: Int? {
        let port = value.load(ordering: .relaxed)
        return port > 0 ? port : nil
    }

    func set(_ port: Int) {
        value.store(port, ordering: .relaxed)
    }

    /// The host for a `stun:` URL: the configured public host, else the host the client's request
    /// named, else the bound address unless it is a wildcard (which names no host).
    static func urlHost(public publicHost: String?, request: String?, bound: String) -> String? {
        if let publicHost, !publicHost.isEmpty { return bracketed(publicHost) }
        if let request, !request.isEmpty { return bracketed(request) }
        if bound == "0.0.0.0" || bound == "::" || bound.isEmpty { return nil }
        return bracketed(bound)
    }

    /// RFC 7064 §3.1: an IPv6 literal host is bracketed.
    private static func bracketed(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    /// The host part of a `Host` header (`name:port`, `[v6]:port`, or a bare name).
    static func host(ofAuthority authority: String) -> String? {
        let text = authority.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let literal = text[text.index(after: text.startIndex)..<close]
            guard !literal.isEmpty, literal.utf8.count <= 45,
                  literal.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            return String(literal)
        }
        let host = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        // A name or IPv4 literal: letters, digits, dots, hyphens (anything else is not a host to hand out).
        guard !host.isEmpty, host.utf8.count <= 253,
              host.utf8.allSatisfy({ $0 == 0x2E || $0 == 0x2D || (0x30...0x39).contains($0)
                  || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
        return host
    }
}
