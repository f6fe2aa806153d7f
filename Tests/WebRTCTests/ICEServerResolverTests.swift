import ICE
import STUN
import Testing
import WebRTC

/// ICE server URLs with host names. Only `localhost` is looked up (from /etc/hosts; no query
/// leaves the machine).
@Suite("ICE server URLs and host names", .timeLimit(.minutes(1)))
struct ICEServerResolverTests {
    @Test("IP literals parse without a lookup; localhost resolves to loopback with the port kept")
    func resolves() async {
        #expect(await ICEServerResolver.resolve(url: "stun:127.0.0.1:3479")
            == [ICEServer(address: SocketAddress(ip: .v4(0x7F00_0001), port: 3479), kind: .stun)])
        let named = await ICEServerResolver.resolve(url: "stun:localhost:3479")
        #expect(named.contains(ICEServer(address: SocketAddress(ip: .v4(0x7F00_0001), port: 3479), kind: .stun)))
        #expect(named.allSatisfy { $0.address.port == 3479 && $0.kind == .stun })
        let turn = await ICEServerResolver.resolve(url: "turn:localhost?transport=udp", username: "u", credential: "p")
        #expect(turn.contains(ICEServer(address: SocketAddress(ip: .v4(0x7F00_0001), port: 3478),
                                        kind: .turn(username: "u", password: "p"))))
    }

    @Test("Malformed, unsupported and credential-less URLs give no server", arguments: [
        "turn:localhost", "turns:localhost", "turn:localhost?transport=tcp", "stun:localhost:0",
        "stun:localhost:99999", "stun:bad_host!", "stun:", "http://localhost", "stun:local host",
    ])
    func refuses(url: String) async {
        #expect(await ICEServerResolver.resolve(url: url).isEmpty)
    }
}
