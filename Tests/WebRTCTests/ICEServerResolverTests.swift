import ICE
import RTCBase
import Testing
import WebRTC

/// ICE server URLs with host names. Only `localhost` is looked up (from /etc/hosts; no query
/// leaves the machine).
@Suite("ICE server URLs and host names", .timeLimit(.minutes(1)))
struct ICEServerResolverTests {
    @Test("IP literals parse without a lookup; localhost resolves to loopback with the port kept")
    func resolves() async {
        #expect(await ICEServerResolver.resolve(url: "stun:127.0.0.1:3479")
            == [ICEServer(address: TransportAddress(ip: .v4(0x7F00_0001), port: 3479), kind: .stun)])
        let named = await ICEServerResolver.resolve(url: "stun:localhost:3479")
        #expect(named.contains(ICEServer(address: TransportAddress(ip: .v4(0x7F00_0001), port: 3479), kind: .stun)))
        #expect(named.allSatisfy { $0.address.port == 3479 && $0.kind == .stun })
        let turn = await ICEServerResolver.resolve(url: "turn:localhost?transport=udp", username: "u", credential: "p")
        #expect(turn.contains(ICEServer(address: TransportAddress(ip: .v4(0x7F00_0001), port: 3478),
                                        kind: .turn(username: "u", password: "p"))))
    }

    @Test("turn: over TCP and turns: resolve with their transport; the name is kept for TLS")
    func streamTransports() async {
        let tcp = await ICEServerResolver.resolve(url: "turn:localhost:3478?transport=tcp", username: "u", credential: "p")
        #expect(tcp.contains(ICEServer(address: TransportAddress(ip: .v4(0x7F00_0001), port: 3478),
                                       kind: .turn(username: "u", password: "p"), transport: .tcp)), "only TLS needs the name")
        let tls = await ICEServerResolver.resolve(url: "turns:localhost", username: "u", credential: "p")
        #expect(!tls.isEmpty && tls.allSatisfy { $0.transport == .tls && $0.address.port == 5349 && $0.serverName == "localhost" })
        let literal = await ICEServerResolver.resolve(url: "turns:127.0.0.1:5350", username: "u", credential: "p")
        #expect(literal == [ICEServer(address: TransportAddress(ip: .v4(0x7F00_0001), port: 5350),
                                      kind: .turn(username: "u", password: "p"), transport: .tls)])
        #expect(await ICEServerResolver.resolve(url: "turns:localhost?transport=udp", username: "u", credential: "p").isEmpty,
                "DTLS is not supported")
    }

    @Test("Malformed, unsupported and credential-less URLs give no server", arguments: [
        "turn:localhost", "turns:localhost", "turn:localhost?transport=tcp", "stun:localhost:0",
        "stun:localhost:99999", "stun:bad_host!", "stun:", "http://localhost", "stun:local host",
    ])
    func refuses(url: String) async {
        #expect(await ICEServerResolver.resolve(url: url).isEmpty)
    }
}
