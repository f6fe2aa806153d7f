@testable import SignalingServer
import Testing

/// Per-address guards count an IPv6 client by its /64 (session 17 audit: every /128 had a quota
/// of its own, so one subscriber's /64 escaped the connection, room and failed-join caps).
@Suite struct ClientAddressKeyTests {
    @Test(arguments: [
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb:cccc:dddd:9", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("2001:DB8:0:0:1::1", "2001:db8::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("192.0.2.1", "192.0.2.1"),
        ("::1", "::1"),
        ("127.0.0.1", "127.0.0.1"),
        ("unknown", "unknown"),
        ("2001:db8::zz", "2001:db8::zz"),
    ])
    func keys(address: String, key: String) {
        #expect(ClientAddressKey.key(address) == key)
    }

    @Test func addressesOfOneSlash64ShareTheConnectionCap() {
        let limiter = AddressLimiter(cap: 2, limitLoopback: false)
        let first = limiter.admit(ClientAddressKey.key("2001:db8:1:2::a"))
        let second = limiter.admit(ClientAddressKey.key("2001:db8:1:2::b"))
        #expect((try? first.get()) != nil && (try? second.get()) != nil)
        guard case .failure(.perAddress(first: true)) = limiter.admit(ClientAddressKey.key("2001:db8:1:2::c")) else {
            Issue.record("a third address of the same /64 was admitted over the cap of 2")
            return
        }
        #expect((try? limiter.admit(ClientAddressKey.key("2001:db8:1:3::c")).get()) != nil, "another /64 has its own")
    }
}
