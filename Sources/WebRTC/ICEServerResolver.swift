import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import ICE

import Synchronization

/// Turns `stun:`/`turn:`/`turns:` URLs into ``ICEServer``s, resolving host names (the ICE core only
/// takes addresses: it is sans-IO, and a DNS lookup is I/O).
///
/// RFC 7064 §3.1 / RFC 7065 §3.1: `stun:host[:port]`, `turn:host[:port][?transport=udp|tcp]`,
/// `turns:host[:port]` (TLS over TCP, port 5349 by default); the host is an IPv4 literal, a
/// bracketed IPv6 literal, or a name. A name is resolved with `getaddrinfo` on a background thread,
/// bounded by a timeout, into one server per address (IPv4 and IPv6); a `turns:` one remembers the
/// name as ``ICE/ICEServer/serverName`` so the certificate is checked against it. `stuns:` and DTLS
/// (`turns:` with `transport=udp`) are not supported and give nothing.
package enum ICEServerResolver {
    /// The servers `url` names; empty when it is malformed, unsupported, or its name does not
    /// resolve within `timeout`.
    package static func resolve(
        url: String, username: String? = nil, credential: String? = nil, timeout: Duration = .seconds(5)
    ) async -> [ICEServer] {
        if let literal = ICEServer(url: url, username: username, credential: credential) { return [literal] }
        guard let parts = split(url) else { return [] }
        let addresses = await lookUp(parts.host, timeout: timeout)
        var servers: [ICEServer] = []
        for address in addresses {
            let host = address.contains(":") ? "[\(address)]" : address
            let port = parts.port.map { ":\($0)" } ?? ""
            guard var server = ICEServer(url: "\(parts.scheme)\(host)\(port)\(parts.query)",
                                         username: username, credential: credential) else { continue }
            if server.transport == .tls { server.serverName = parts.host }
            guard !servers.contains(server) else { continue }
            servers.append(server)
        }
        return servers
    }

    /// `scheme:` (with the colon), the host name, the port if given, `?query` if given.
    static func split(_ url: String) -> (scheme: String, host: String, port: UInt16?, query: String)? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = String(url[...colon])
        guard scheme == "stun:" || scheme == "turn:" || scheme == "turns:" else { return nil }
        var rest = url[url.index(after: colon)...]
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[mark...])
            rest = rest[..<mark]
        }
        var port: UInt16?
        if let last = rest.lastIndex(of: ":") {
            guard let number = UInt16(rest[rest.index(after: last)...]), number > 0 else { return nil }
            port = number
            rest = rest[..<last]
        }
        // RFC 1123 host names: letters, digits, hyphens and dots, at most 253 characters.
        let host = String(rest)
        guard !host.isEmpty, host.utf8.count <= 253,
              host.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0)
                  || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
        return (scheme, host, port, query)
    }

    /// The IP literals `host` resolves to, or none after `timeout` (getaddrinfo cannot be
    /// cancelled; a late answer is dropped).
    static func lookUp(_ host: String, timeout: Duration) async -> [String] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[String], Never>) in
            let pending = Mutex<CheckedContinuation<[String], Never>?>(continuation)
            let finish: @Sendable ([String]) -> Void = { result in
                pending.withLock { waiting in
                    waiting?.resume(returning: result)
                    waiting = nil
                }
            }
            let (seconds, attoseconds) = timeout.components
            DispatchQueue.global().asyncAfter(
                deadline: .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))) {
                finish([])
            }
            DispatchQueue.global().async { finish(getaddrinfoLiterals(host)) }
        }
    }

    private static func getaddrinfoLiterals(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var literals: [String] = []
        var node = list
        while let entry = node {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let family = entry.pointee.ai_family
            if family == AF_INET, let address = entry.pointee.ai_addr {
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                    var raw = inet.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
                }
            } else if family == AF_INET6, let address = entry.pointee.ai_addr {
                address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet6 in
                    var raw = inet6.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
                }
            }
            let literal = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !literal.isEmpty, !literals.contains(literal) { literals.append(literal) }
            node = entry.pointee.ai_next
        }
        return literals
    }
}
