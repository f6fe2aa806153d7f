import RTCBase

/// The key a client's address counts under in the per-address guards (connections, live rooms,
/// failed joins): an IPv6 address by its /64, because one subscriber usually gets a whole /64
/// (RFC 6177) and could otherwise take a fresh address, and a fresh quota, per connection; an
/// IPv4-mapped IPv6 address by its IPv4 form; anything else as it is (IPv4, `::1`, `unknown`).
enum ClientAddressKey {
    static func key(_ address: String) -> String {
        guard address.contains(":"), let parsed = IPAddress(address), case .v6(let high, let low) = parsed else {
            return address
        }
        if high == 0, low >> 32 == 0xFFFF { return IPAddress.v4(UInt32(truncatingIfNeeded: low)).description }
        if parsed == .loopbackV6 { return address }
        return IPAddress.v6(high: high, low: 0).description + "/64"
    }
}
