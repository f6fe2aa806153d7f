import Testing

@testable import Collaboration

/// Where the engine gathers host candidates, from its configuration.
@Suite struct HostAddressPolicyTests {
    @Test(arguments: ["ws://127.0.0.1:8080/ws", "ws://localhost:9/ws", "wss://[::1]:443/ws", "ws://127.9.9.9/ws"])
    func loopbackServerMeansLoopbackOnly(_ url: String) throws {
        #expect(try WebRTCTransport.policy(addresses: nil, signalingURL: url) == .loopback)
    }

    @Test(arguments: ["ws://198.51.100.1:8080/ws", "wss://jam.example.org/ws", "ws://[2001:db8::1]:8080/ws", "not a url"])
    func elsewhereMeansEveryInterface(_ url: String) throws {
        #expect(try WebRTCTransport.policy(addresses: nil, signalingURL: url) == .automatic)
        #expect(try WebRTCTransport.policy(addresses: [], signalingURL: url) == .automatic)
    }

    @Test func givenAddressesWinAndGetAPort() throws {
        let policy = try WebRTCTransport.policy(addresses: ["192.168.1.10", "10.0.0.1:5000", "2001:db8::1", "[2001:db8::2]:7"],
                                                signalingURL: "ws://127.0.0.1:8080/ws")
        #expect(policy == .fixed(["192.168.1.10:0", "10.0.0.1:5000", "[2001:db8::1]:0", "[2001:db8::2]:7"]))
    }

    @Test(arguments: ["eth0", "192.168.1", "1.2.3.4:99999", "[::1", "localhost"])
    func badAddressesAreTypedErrors(_ text: String) {
        #expect(throws: EngineError.invalidHostAddress(text)) {
            try WebRTCTransport.policy(addresses: [text], signalingURL: "ws://198.51.100.1/ws")
        }
        var configuration = EngineConfiguration(signalingURL: "ws://198.51.100.1/ws", displayName: "Ana")
        configuration.hostAddresses = [text]
        #expect(throws: EngineError.invalidHostAddress(text)) { try configuration.validate() }
    }
}
