import RTCBase
import Testing
import WebRTC

/// Which interface addresses carry host candidates by default.
@Suite struct HostInterfacesTests {
    @Test(arguments: [
        ("192.168.1.10", true), ("10.0.0.2", true), ("198.51.100.7", true), ("127.0.0.1", false), ("127.1.2.3", false),
        ("169.254.3.4", false), ("0.0.0.0", false), ("224.0.0.251", false),
        ("2001:db8::1", true), ("fd12:3456::1", true), ("fc00::1", true), ("fe80::1", false), ("::1", false), ("::", false),
        ("ff02::1", false),
    ])
    func usableAddresses(_ text: String, _ usable: Bool) throws {
        let address = try #require(IPAddress(text))
        #expect(HostInterfaces.isUsable(address) == usable, "\(text)")
    }

    @Test func theMachinesOwnListIsUpUsableAndUnique() {
        let all = HostInterfaces.all()
        #expect(all.contains { $0.address.isLoopback }, "every Linux machine has lo")
        let usable = HostInterfaces.usable()
        #expect(Set(usable).count == usable.count)
        #expect(usable.allSatisfy { address in HostInterfaces.isUsable(address) && all.contains { $0.address == address && $0.isUp } })
        // IPv4 first: most peers and TURN servers are reached over IPv4.
        if let firstV6 = usable.firstIndex(where: { !$0.isIPv4 }) {
            #expect(usable[firstV6...].allSatisfy { !$0.isIPv4 })
        }
    }
}
