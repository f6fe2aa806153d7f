import Testing

@testable import SDP

@Suite("DataChannelSDPBuilder")
struct DataChannelSDPBuilderTests {
    static let fingerprints = [
        SDPFingerprint(algorithm: "sha-256", bytes: Array(0..<32)),
        SDPFingerprint(algorithm: "sha-384", bytes: Array(100..<148)),
    ]

    static func builder(_ kind: DataChannelSDPBuilder.Kind) -> DataChannelSDPBuilder {
        var builder = DataChannelSDPBuilder(
            kind: kind,
            iceUsernameFragment: "Fq3/",
            icePassword: "Zk9+rT2mW4xV7bN1cL5pQ8",
            fingerprints: fingerprints
        )
        builder.candidates = [
            "candidate:1 1 udp 2130706431 192.0.2.1 50000 typ host",
            "2 1 udp 1694498815 198.51.100.2 50001 typ srflx raddr 192.0.2.1 rport 50000",
        ]
        return builder
    }

    @Test(
        "the built description parses back into the same typed view",
        arguments: [DataChannelSDPBuilder.Kind.offer, .answerActive, .answerPassive], [false, true]
    )
    func builtParsesBack(kind: DataChannelSDPBuilder.Kind, endOfCandidates: Bool) throws {
        var builder = Self.builder(kind)
        builder.endOfCandidates = endOfCandidates
        builder.includeMSIDSemantic = endOfCandidates
        let built = builder.build(sessionID: 4_611_731_400_430_051_336, sessionVersion: 2)
        let reparsed = try SessionDescription(parsing: built.text)
        #expect(reparsed == built)

        let session = try WebRTCDataSession(reparsed)
        let expected = WebRTCDataSession(
            mediaIndex: 0,
            port: 9,
            isLegacySCTPMap: false,
            mid: "0",
            bundleGroup: ["0"],
            iceUsernameFragment: "Fq3/",
            icePassword: "Zk9+rT2mW4xV7bN1cL5pQ8",
            iceOptions: ["trickle"],
            fingerprints: Self.fingerprints,
            setup: kind.setup,
            sctpPort: 5000,
            maxMessageSize: 262_144,
            candidates: [
                "candidate:1 1 udp 2130706431 192.0.2.1 50000 typ host",
                "candidate:2 1 udp 1694498815 198.51.100.2 50001 typ srflx raddr 192.0.2.1 rport 50000",
            ],
            endOfCandidates: endOfCandidates
        )
        #expect(session == expected)
    }

    @Test func offerKnownAnswer() {
        var builder = Self.builder(.offer)
        builder.fingerprints = [SDPFingerprint(algorithm: "sha-256", bytes: Array(repeating: 0xAB, count: 32))]
        builder.candidates = ["candidate:1 1 udp 2130706431 192.0.2.1 50000 typ host"]
        builder.endOfCandidates = true
        let hex = Array(repeating: "AB", count: 32).joined(separator: ":")
        let expected = SDPFixture.crlf([
            "v=0",
            "o=- 42 1 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:Fq3/",
            "a=ice-pwd:Zk9+rT2mW4xV7bN1cL5pQ8",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 \(hex)",
            "a=setup:actpass",
            "a=mid:0",
            "a=sctp-port:5000",
            "a=max-message-size:262144",
            "a=candidate:1 1 udp 2130706431 192.0.2.1 50000 typ host",
            "a=end-of-candidates",
        ])
        #expect(builder.build(sessionID: 42, sessionVersion: 1).text == expected)
    }

    @Test func msidSemanticLine() throws {
        var builder = Self.builder(.offer)
        builder.includeMSIDSemantic = true
        let text = builder.build(sessionID: 1, sessionVersion: 1).text
        #expect(text.contains("\r\na=group:BUNDLE 0\r\na=msid-semantic: WMS\r\nm=application"))
    }
}
