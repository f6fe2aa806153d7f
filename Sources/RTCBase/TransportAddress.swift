/// A transport address: an IP address and a UDP port.
///
/// Printed as `1.2.3.4:5` or `[::1]:5`; parsed from the same forms.
public struct TransportAddress: Hashable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The IP address.
    public var ip: IPAddress
    /// The UDP port.
    public var port: UInt16

    /// Creates an address from its parts.
    public init(ip: IPAddress, port: UInt16) {
        self.ip = ip
        self.port = port
    }

    /// Creates an address from IP text and a port; `nil` if the text is not an IP address.
    public init?(ip text: String, port: UInt16) {
        guard let ip = IPAddress(text) else { return nil }
        self.init(ip: ip, port: port)
    }

    /// Parses `1.2.3.4:5` or `[2001:db8::1]:5`.
    public init?(_ text: String) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":"), let port = UInt16(rest.dropFirst()), let ip = IPAddress(host) else { return nil }
            self.init(ip: ip, port: port)
        } else {
            guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]),
                  let ip = IPAddress(String(text[..<colon])), ip.isIPv4 else { return nil }
            self.init(ip: ip, port: port)
        }
    }

    /// Whether this bound address is what `wanted` asks for: the same IP, and the same port unless
    /// `wanted` says port 0 (any).
    public func satisfies(_ wanted: TransportAddress) -> Bool {
        ip == wanted.ip && (wanted.port == 0 || port == wanted.port)
    }

    /// `1.2.3.4:5` or `[::1]:5`.
    public var description: String {
        ip.isIPv4 ? "\(ip):\(port)" : "[\(ip)]:\(port)"
    }
}
