// Hand-written SDP fixtures in the shapes that Chromium, Firefox, aiortc and Pion produce for a
// data-channel-only offer. They are NOT captures: ufrags, passwords, fingerprints, addresses and
// session IDs are made up. Real captures come with the interop issue and go under Tests/Fixtures.

/// A hand-written data-channel SDP and what its typed view should contain.
struct SDPFixture: Sendable, CustomStringConvertible {
    var name: String
    var text: String
    var ufrag: String
    var fingerprintCount: Int
    var sctpPort: UInt16
    var maxMessageSize: UInt64?
    var candidateCount: Int
    var endOfCandidates: Bool
    var isLegacy: Bool

    var description: String { name }

    /// Joins lines with CRLF, as every stack sends them.
    static func crlf(_ lines: [String]) -> String { lines.map { $0 + "\r\n" }.joined() }

    static let all: [SDPFixture] = [chromium, firefox, aiortc, pion, legacyChromium]

    /// Chromium-, Firefox-, aiortc- or Pion-shaped, per the name; hand-written.
    static let chromium = SDPFixture(
        name: "chromium",
        text: crlf([
            "v=0",
            "o=- 4215775240449105457 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=extmap-allow-mixed",
            "a=msid-semantic: WMS",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 network-id 1",
            "a=candidate:435653019 1 tcp 1518280447 192.168.0.196 9 typ host tcptype active generation 0 network-id 1",
            "a=candidate:1853887674 1 udp 1686052607 203.0.113.7 46243 typ srflx raddr 192.168.0.196 rport 46243 generation 0 network-id 1",
            "a=ice-ufrag:Oa5Q",
            "a=ice-pwd:wVGGdWB5xPAvAJp8YSMXAy0u",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 11:8F:98:37:73:B7:7B:57:51:DD:B7:48:45:3A:12:73:1A:26:34:1C:CB:EF:9C:0D:E2:91:7A:C7:21:1E:3F:7F",
            "a=setup:actpass",
            "a=mid:0",
            "a=sctp-port:5000",
            "a=max-message-size:262144",
        ]),
        ufrag: "Oa5Q",
        fingerprintCount: 1,
        sctpPort: 5000,
        maxMessageSize: 262144,
        candidateCount: 3,
        endOfCandidates: false,
        isLegacy: false
    )

    /// Chromium-, Firefox-, aiortc- or Pion-shaped, per the name; hand-written.
    static let firefox = SDPFixture(
        name: "firefox",
        text: crlf([
            "v=0",
            "o=mozilla...THIS_IS_SDPARTA-128.0 6386316254426362117 0 IN IP4 0.0.0.0",
            "s=-",
            "t=0 0",
            "a=sendrecv",
            "a=fingerprint:sha-256 84:08:82:0A:27:EC:8A:7A:7A:57:2B:A8:3F:B8:00:37:05:BD:B9:A7:68:FD:DB:38:1A:6C:88:1D:21:30:00:AA",
            "a=group:BUNDLE 0",
            "a=ice-options:trickle",
            "a=msid-semantic:WMS *",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=sendrecv",
            "a=ice-pwd:5d8e0a4f2b9c7e61d3a0f4b8c2e96a17",
            "a=ice-ufrag:3f2a9c1d",
            "a=mid:0",
            "a=setup:actpass",
            "a=sctp-port:5000",
            "a=max-message-size:1073741823",
        ]),
        ufrag: "3f2a9c1d",
        fingerprintCount: 1,
        sctpPort: 5000,
        maxMessageSize: 1073741823,
        candidateCount: 0,
        endOfCandidates: false,
        isLegacy: false
    )

    /// Chromium-, Firefox-, aiortc- or Pion-shaped, per the name; hand-written.
    static let aiortc = SDPFixture(
        name: "aiortc",
        text: crlf([
            "v=0",
            "o=- 3917356442 3917356442 IN IP4 0.0.0.0",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=msid-semantic:WMS *",
            "m=application 40763 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 192.0.2.10",
            "a=mid:0",
            "a=sctp-port:5000",
            "a=max-message-size:65536",
            "a=candidate:9f2c0e6a1b4d3c5e7f8a9b0c1d2e3f40 1 udp 2130706431 192.0.2.10 40763 typ host",
            "a=candidate:1e7a5c3b9d0f2e4a6c8b0d1f3e5a7c9b 1 udp 1694498815 198.51.100.4 40763 typ srflx raddr 192.0.2.10 rport 40763",
            "a=end-of-candidates",
            "a=ice-ufrag:Xh7k",
            "a=ice-pwd:Qm3vN8pL2sR6tY9wB4cF1dGh",
            "a=fingerprint:sha-256 56:48:71:37:C0:35:0B:F1:7F:CE:C6:C3:79:67:3F:95:42:74:C8:D5:4A:B2:D1:2B:41:89:6C:16:62:25:53:2C",
            "a=fingerprint:sha-384 D8:50:93:D6:12:52:50:62:B5:25:90:46:36:45:BF:03:2B:29:F1:61:DD:CC:F9:FC:BF:FD:FF:F5:01:DA:E2:05:2A:41:4E:73:DE:DA:C2:E1:69:49:CA:01:64:EA:C5:B6",
            "a=fingerprint:sha-512 52:23:40:63:8B:00:B2:04:D7:65:6F:0B:C4:E7:8D:26:96:8F:21:AE:9D:7B:F1:18:1D:36:E4:8F:8E:49:F4:F3:A1:3C:87:08:86:EA:F1:33:AF:BE:AB:59:EA:CD:C7:62:3C:03:F1:DA:45:57:A1:DC:D7:96:88:21:9B:3C:BE:C7",
            "a=setup:actpass",
        ]),
        ufrag: "Xh7k",
        fingerprintCount: 3,
        sctpPort: 5000,
        maxMessageSize: 65536,
        candidateCount: 2,
        endOfCandidates: true,
        isLegacy: false
    )

    /// Chromium-, Firefox-, aiortc- or Pion-shaped, per the name; hand-written.
    static let pion = SDPFixture(
        name: "pion",
        text: crlf([
            "v=0",
            "o=- 2927307686215094172 1732645200 IN IP4 0.0.0.0",
            "s=-",
            "t=0 0",
            "a=msid-semantic:WMS*",
            "a=fingerprint:sha-256 0D:8B:98:E0:CC:4D:CA:4E:E2:F3:E7:96:A1:25:A9:72:2D:F9:74:ED:8A:50:EA:AF:F6:BE:3C:42:E8:0D:85:63",
            "a=extmap-allow-mixed",
            "a=group:BUNDLE 0",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=setup:actpass",
            "a=mid:0",
            "a=sendrecv",
            "a=sctp-port:5000",
            "a=ice-ufrag:KZQbXWmMgrpGsHjv",
            "a=ice-pwd:ktCdVDAXwTHYmHalDGwzGOjOYDjBpXHn",
            "a=candidate:2930089741 1 udp 2130706431 192.168.1.23 51234 typ host",
            "a=candidate:2930089741 2 udp 2130706431 192.168.1.23 51234 typ host",
            "a=end-of-candidates",
        ]),
        ufrag: "KZQbXWmMgrpGsHjv",
        fingerprintCount: 1,
        sctpPort: 5000,
        maxMessageSize: nil,
        candidateCount: 2,
        endOfCandidates: true,
        isLegacy: false
    )

    /// Chromium-, Firefox-, aiortc- or Pion-shaped, per the name; hand-written.
    static let legacyChromium = SDPFixture(
        name: "legacyChromium",
        text: crlf([
            "v=0",
            "o=- 7843012651294827340 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE data",
            "a=msid-semantic: WMS",
            "m=application 9 DTLS/SCTP 5000",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:Wl2s",
            "a=ice-pwd:4LhC0Mj2oTz1wRkQbN6fE9aP",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 31:8F:AC:C2:3E:87:E8:03:26:33:DD:BD:C1:1C:24:0B:17:1E:45:E5:1C:7E:6D:2B:89:7B:0B:65:26:50:88:C1",
            "a=setup:actpass",
            "a=mid:data",
            "a=sctpmap:5000 webrtc-datachannel 1024",
        ]),
        ufrag: "Wl2s",
        fingerprintCount: 1,
        sctpPort: 5000,
        maxMessageSize: nil,
        candidateCount: 0,
        endOfCandidates: false,
        isLegacy: true
    )
}
