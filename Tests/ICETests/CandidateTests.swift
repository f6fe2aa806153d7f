import ICE
import RTCBase
import Testing
import STUN

/// `candidate:` grammar (RFC 8839 §5.1), priorities (RFC 8445 §5.1.2) and pair priorities (§6.1.2.3).
@Suite struct CandidateTests {
    @Test(arguments: [
        "candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host",
        "candidate:842163049 1 udp 1677729535 203.0.113.7 40000 typ srflx raddr 10.0.0.1 rport 5000 generation 0 ufrag EsAw network-cost 999",
        "candidate:3 1 udp 16777215 198.51.100.1 50000 typ relay raddr 203.0.113.7 rport 40000",
        "candidate:4 1 udp 2122262783 2001:db8::1 9 typ host generation 0 network-id 2",
        "candidate:a+/Z 1 udp 1853817087 10.0.0.2 6000 typ prflx raddr 0.0.0.0 rport 0 x-unknown value",
    ])
    func roundTrip(_ line: String) throws {
        let candidate = try Candidate(sdpAttribute: line)
        #expect(candidate.sdpAttribute == line)
        #expect(try Candidate(sdpAttribute: "a=" + line) == candidate)
    }

    @Test func parsesChromeStyleLines() throws {
        let candidate = try Candidate(sdpAttribute:
            "candidate:842163049 1 UDP 1677729535 203.0.113.7 40000 typ srflx raddr 10.0.0.1 rport 5000 generation 0 ufrag EsAw")
        #expect(candidate.transport == "udp")
        #expect(candidate.type == .serverReflexive)
        #expect(candidate.address == TransportAddress("203.0.113.7:40000"))
        #expect(candidate.relatedAddress == TransportAddress("10.0.0.1:5000"))
        #expect(candidate.ufrag == "EsAw")
        let tcp = try Candidate(sdpAttribute: "candidate:2 1 tcp 1518280447 10.0.0.2 9 typ host tcptype active")
        #expect(tcp.transport == "tcp")
    }

    @Test(arguments: [
        "", "candidate:", "candidate:1 1 udp 1 1.2.3.4 5 host", "candidate:1 1 udp x 1.2.3.4 5 typ host",
        "candidate:1 0 udp 1 1.2.3.4 5 typ host", "candidate:1 1 udp 1 1.2.3.4 70000 typ host",
        "candidate:1 1 udp 1 1.2.3.4 5 typ bogus", "candidate:1 1 udp 1 1.2.3.4 5 typ host raddr",
        "candidate:1 1 udp 1 1.2.3.4 5 typ srflx raddr nope rport 1", "candidate:f_o 1 udp 1 1.2.3.4 5 typ host",
    ])
    func rejectsMalformed(_ line: String) {
        #expect(throws: CandidateParseError.self) { try Candidate(sdpAttribute: line) }
    }

    @Test func mdnsNamesNeedResolution() {
        #expect(throws: CandidateParseError.unresolvedHostname("abc.local")) {
            try Candidate(sdpAttribute: "candidate:1 1 udp 2122260223 abc.local 5000 typ host")
        }
    }

    @Test func priorities() {
        // RFC 8445 §5.1.2.1 with the recommended type preferences.
        #expect(Candidate.priority(type: .host, localPreference: 65535) == 2_130_706_431)
        #expect(Candidate.priority(type: .peerReflexive, localPreference: 65535) == 1_862_270_975)
        #expect(Candidate.priority(type: .serverReflexive, localPreference: 65535) == 1_694_498_815)
        #expect(Candidate.priority(type: .relay, localPreference: 65535) == 16_777_215)
        #expect(CandidateType.host.typePreference == 126 && CandidateType.relay.typePreference == 0)
    }

    @Test func pairPriority() {
        // §6.1.2.3: 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0).
        let g: UInt32 = 2_130_706_431, d: UInt32 = 1_694_498_815
        #expect(CandidatePair.priority(controlling: g, controlled: d) == (UInt64(d) << 32) + 2 * UInt64(g) + 1)
        #expect(CandidatePair.priority(controlling: d, controlled: g) == (UInt64(d) << 32) + 2 * UInt64(g))
        // Both agents compute the same value for the same pair.
        #expect(CandidatePair.priority(controlling: 5, controlled: 5) == (5 << 32) + 10)
    }

    @Test func serverURLs() {
        #expect(ICEServer(url: "stun:192.0.2.1")?.address == TransportAddress("192.0.2.1:3478"))
        #expect(ICEServer(url: "stun:[2001:db8::1]:19302")?.address == TransportAddress("[2001:db8::1]:19302"))
        #expect(ICEServer(url: "turn:192.0.2.1:3478?transport=udp", username: "u", credential: "p")?.kind
                == .turn(username: "u", password: "p"))
        #expect(ICEServer(url: "turn:192.0.2.1") == nil, "TURN needs credentials")
        #expect(ICEServer(url: "stun:stun.example.org") == nil, "the driver resolves names")
    }

    @Test func turnURLsCarryTheirTransport() {
        let tcp = ICEServer(url: "turn:192.0.2.1:3478?transport=tcp", username: "u", credential: "p")
        #expect(tcp?.transport == .tcp && tcp?.address == TransportAddress("192.0.2.1:3478"))
        #expect(ICEServer(url: "turn:192.0.2.1?transport=TCP", username: "u", credential: "p")?.address.port == 3478)
        #expect(ICEServer(url: "turn:192.0.2.1", username: "u", credential: "p")?.transport == .udp)
        // RFC 7065 §3.1: turns: is TLS over TCP, port 5349 by default.
        let tls = ICEServer(url: "turns:192.0.2.1", username: "u", credential: "p")
        #expect(tls?.transport == .tls && tls?.address == TransportAddress("192.0.2.1:5349") && tls?.serverName == nil)
        #expect(ICEServer(url: "turns:[2001:db8::1]:443?transport=tcp", username: "u", credential: "p")?.address
                == TransportAddress("[2001:db8::1]:443"))
        #expect(ICEServer(url: "turns:192.0.2.1") == nil, "TURN needs credentials")
        for refused in ["turns:192.0.2.1?transport=udp", "turn:192.0.2.1?transport=sctp", "stun:192.0.2.1?transport=tcp",
                        "stuns:192.0.2.1", "turnx:192.0.2.1", "turn192.0.2.1"] {
            #expect(ICEServer(url: refused, username: "u", credential: "p") == nil, "\(refused)")
        }
        #expect(ICEServer(url: "stun:192.0.2.1")?.transport == .udp)
        #expect(TURNTransport.allCases.sorted() == [.tls, .tcp, .udp], "ordered by preference")
    }
}
