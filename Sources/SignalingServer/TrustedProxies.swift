import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The reverse proxies whose `X-Forwarded-For` or `Forwarded` (RFC 7239) the server believes
/// (`--trusted-proxy CIDR`), and the client address that follows from a request. From any other
/// peer the headers are ignored: a client could otherwise name any address and dodge the
/// per-address guards.
public struct TrustedProxies: Sendable, Equatable {
    /// A CIDR that does not parse.
    public struct InvalidCIDR: Error, Equatable, CustomStringConvertible {
        /// The text given.
        public let text: String
        public var description: String { "'\(text)' is not a CIDR like 10.0.0.0/8 or fd00::/8" }
    }

    /// One network: address bytes (4 or 16) and prefix length.
    private struct Network: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for (a, b) in zip(address, bytes) where left > 0 {
                let mask: UInt8 = left >= 8 ? 0xFF : ~(0xFF >> UInt8(left))
                guard a & mask == b & mask else { return false }
                left -= 8
            }
            return true
        }
    }

    private let networks: [Network]

    /// No proxy is trusted: the TCP peer is the client.
    public init() {
        networks = []
    }

    /// Parses CIDRs (`ADDRESS/PREFIX`, or a bare address for one host).
    public init(_ cidrs: [String]) throws(InvalidCIDR) {
        var networks: [Network] = []
        for text in cidrs {
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            guard let first = parts.first, let bytes = Self.parse(first) else { throw InvalidCIDR(text: text) }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...(bytes.count * 8)).contains(prefix) else { throw InvalidCIDR(text: text) }
            networks.append(Network(bytes: bytes, prefix: prefix))
        }
        self.networks = networks
    }

    /// Whether `address` (text, as NIO reports a peer) is a trusted proxy.
    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.parse(address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The client behind `peer`: the right-most forwarded hop that is not itself a trusted proxy
    /// (hops left of it could be written by the client), else `peer`. `X-Forwarded-For` wins
    /// when both headers came: a proxy appends to one of them and passes the other through from
    /// the client, and X-Forwarded-For is what nginx (deploy/) sets.
    public func clientAddress(peer: String, forwardedFor: String?, forwarded: String? = nil) -> String {
        guard trusts(peer) else { return peer }
        let hops: [String]
        if let forwardedFor {
            hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        } else if let forwarded {
            hops = Self.forHops(forwarded)
        } else {
            return peer
        }
        for hop in hops.reversed() where !trusts(hop) {
            return Self.parse(hop) == nil ? peer : hop
        }
        return hops.first.flatMap { Self.parse($0) == nil ? nil : $0 } ?? peer
    }

    /// The `for=` node of each element of an RFC 7239 `Forwarded` value, as address text:
    /// quotes, an IPv6 node's brackets and any port removed. An element without `for=`, or with
    /// an obfuscated or `unknown` node, yields text that is no address, so it is never believed.
    static func forHops(_ value: String) -> [String] {
        value.split(separator: ",").prefix(64).map { element in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "for" else { continue }
                var node = parts[1].trimmingCharacters(in: .whitespaces)
                if node.hasPrefix("\""), node.hasSuffix("\""), node.count >= 2 { node = String(node.dropFirst().dropLast()) }
                if node.hasPrefix("[") {
                    return String(node.dropFirst().prefix { $0 != "]" })
                }
                // IPv4 with a port (`192.0.2.43:47011`); a bare IPv6 node must be bracketed.
                if node.filter({ $0 == ":" }).count == 1 { return String(node.prefix { $0 != ":" }) }
                return node
            }
            return "unknown"
        }
    }

    /// IPv4 or IPv6 text to its bytes; an IPv4-mapped IPv6 address counts as IPv4.
    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }
}
