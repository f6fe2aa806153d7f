#if canImport(Glibc)
import Glibc

#elseif canImport(Darwin)
import Darwin
#endif

public import RTCBase
/// The addresses of this machine's network interfaces that ICE may gather host candidates on.
///
/// RFC 8445 §5.1.1.1: host candidates come from every interface; we keep what can reach another
/// machine: IPv4 except loopback and link-local, IPv6 global (2000::/3) and unique-local
/// (fc00::/7), on interfaces that are up. Link-local IPv6 needs a scope id no candidate line can
/// carry, and loopback reaches only this machine.
public enum HostInterfaces {
    /// One interface address.
    public struct Entry: Hashable, Sendable {
        /// The interface's name, e.g. `eth0`.
        public var name: String
        /// The address.
        public var address: IPAddress
        /// Whether the interface is up.
        public var isUp: Bool
    }

    /// Every address of every interface, usable or not (for `collab doctor`'s listing).
    public static func all() -> [Entry] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return [] }
        defer { freeifaddrs(list) }
        var entries: [Entry] = []
        var node = list
        while let current = node {
            defer { node = current.pointee.ifa_next }
            guard let socketAddress = current.pointee.ifa_addr else { continue }
            let family = Int32(socketAddress.pointee.sa_family)
            let address: IPAddress?
            if family == AF_INET {
                address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                    withUnsafeBytes(of: inet.pointee.sin_addr) { IPAddress(bytes: $0) }
                }
            } else if family == AF_INET6 {
                address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet6 in
                    withUnsafeBytes(of: inet6.pointee.sin6_addr) { IPAddress(bytes: $0) }
                }
            } else {
                address = nil
            }
            guard let address else { continue }
            let flags = UInt32(current.pointee.ifa_flags)
            let name = String(cString: current.pointee.ifa_name)
            entries.append(Entry(name: name, address: address, isUp: flags & UInt32(IFF_UP) != 0))
        }
        return entries
    }

    /// The addresses ICE gathers on by default, IPv4 first, in interface order, without duplicates.
    public static func usable() -> [IPAddress] {
        let candidates = all().filter { $0.isUp && isUsable($0.address) }.map(\.address)
        var seen = Set<IPAddress>()
        let unique = candidates.filter { seen.insert($0).inserted }
        return unique.filter(\.isIPv4) + unique.filter { !$0.isIPv4 }
    }

    /// Whether `address` can carry a host candidate to another machine.
    public static func isUsable(_ address: IPAddress) -> Bool {
        guard !address.isLoopback, !address.isLinkLocal else { return false }
        switch address {
        case .v4(let value):
            // 0.0.0.0/8 is "this network" and 224.0.0.0/4 multicast: neither is a source address.
            return value >> 24 != 0 && value >> 28 != 0xE
        case .v6(let high, _):
            // RFC 4291 §2.4: global unicast 2000::/3; RFC 4193: unique local fc00::/7.
            return high >> 61 == 0b001 || high >> 57 == 0b1111110
        }
    }
}
