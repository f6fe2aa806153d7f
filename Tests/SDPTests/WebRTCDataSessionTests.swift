import Testing

@testable import SDP

@Suite("WebRTCDataSession extraction")
struct WebRTCDataSessionTests {
    @Test("each stack's shape yields the expected view", arguments: SDPFixture.all)
    func fixtureView(fixture: SDPFixture) throws {
        let session = try WebRTCDataSession(SessionDescription(parsing: fixture.text))
        #expect(session.iceUsernameFragment == fixture.ufrag)
        #expect(session.fingerprints.count == fixture.fingerprintCount)
        #expect(session.sctpPort == fixture.sctpPort)
        #expect(session.maxMessageSize == fixture.maxMessageSize)
        #expect(session.candidates.count == fixture.candidateCount)
        #expect(session.candidates.allSatisfy { $0.hasPrefix("candidate:") })
        #expect(session.endOfCandidates == fixture.endOfCandidates)
        #expect(session.isLegacySCTPMap == fixture.isLegacy)
        #expect(session.setup == .actpass)
        #expect(session.bundleGroup?.contains(session.mid ?? "") == true)
    }

    @Test func legacySCTPMapForm() throws {
        let session = try WebRTCDataSession(SessionDescription(parsing: SDPFixture.legacyChromium.text))
        #expect(session.isLegacySCTPMap)
        #expect(session.sctpPort == 5000)
        #expect(session.mid == "data")
        #expect(session.bundleGroup == ["data"])
        #expect(session.supportsTrickle)
        #expect(session.maxMessageSize == nil)
    }

    @Test func legacySCTPMapPortIsTaken() throws {
        let text = SDPFixture.legacyChromium.text
            .replacing("DTLS/SCTP 5000", with: "DTLS/SCTP 5001")
            .replacing("sctpmap:5000", with: "sctpmap:5001")
        #expect(try WebRTCDataSession(SessionDescription(parsing: text)).sctpPort == 5001)
    }

    @Test func severalFingerprintsAreParsedInOrder() throws {
        let session = try WebRTCDataSession(SessionDescription(parsing: SDPFixture.aiortc.text))
        #expect(session.fingerprints.map(\.algorithm) == ["sha-256", "sha-384", "sha-512"])
        #expect(session.fingerprints.map(\.bytes.count) == [32, 48, 64])
    }

    @Test func sessionLevelAttributesApplyAndMediaLevelWins() throws {
        // Firefox and Pion put the fingerprint at session level only.
        let firefox = try WebRTCDataSession(SessionDescription(parsing: SDPFixture.firefox.text))
        #expect(firefox.fingerprints.count == 1)
        #expect(firefox.supportsTrickle)

        let text = SDPFixture.crlf([
            "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "a=ice-ufrag:sess", "a=ice-pwd:sessionsessionsessionpw", "a=setup:passive",
            "a=fingerprint:sha-1 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "a=ice-ufrag:medi", "a=setup:active",
        ])
        let session = try WebRTCDataSession(SessionDescription(parsing: text))
        #expect(session.iceUsernameFragment == "medi")
        #expect(session.icePassword == "sessionsessionsessionpw")
        #expect(session.setup == .active)
        #expect(session.fingerprints == [SDPFingerprint(algorithm: "sha-1", bytes: Array(0...19))])
        #expect(session.sctpPort == 5000)
        #expect(session.maxMessageSize == nil)
        #expect(session.bundleGroup == nil)
        #expect(!session.supportsTrickle)
    }

    @Test func skipsNonDataChannelSections() throws {
        let text = SDPFixture.chromium.text.replacing(
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            with: "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:audio\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel"
        )
        let session = try WebRTCDataSession(SessionDescription(parsing: text))
        #expect(session.mediaIndex == 1)
        #expect(session.mid == "0")
    }

    static let base = [
        "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
    ]
    static let ufrag = "a=ice-ufrag:abcd"
    static let pwd = "a=ice-pwd:abcdefghijklmnopqrstuv"
    static let fingerprint =
        "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"

    @Test(
        "bad data-channel attributes give the right SDPError",
        arguments: [
            (["m=audio 9 UDP/TLS/RTP/SAVPF 111"], SDPError.noDataChannelMedia),
            ([pwd, fingerprint], .missingICEUsernameFragment),
            ([ufrag, fingerprint], .missingICEPassword),
            ([ufrag, pwd], .missingFingerprint),
            (["a=ice-ufrag:abc", pwd, fingerprint], .invalidICECredential("abc")),
            (["a=ice-ufrag:ab-d", pwd, fingerprint], .invalidICECredential("ab-d")),
            ([ufrag, "a=ice-pwd:short", fingerprint], .invalidICECredential("short")),
            ([ufrag, pwd, "a=fingerprint:sha-256 00:11"], .invalidFingerprint("sha-256 00:11")),
            ([ufrag, pwd, "a=fingerprint:sha-256 0G"], .invalidFingerprint("sha-256 0G")),
            ([ufrag, pwd, "a=fingerprint:sha-256"], .invalidFingerprint("sha-256")),
            ([ufrag, pwd, "a=fingerprint:x-hash 0:11"], .invalidFingerprint("x-hash 0:11")),
            ([ufrag, pwd, "a=fingerprint:x-hash 00::11"], .invalidFingerprint("x-hash 00::11")),
            ([ufrag, pwd, fingerprint, "a=setup:both"], .invalidSetup("both")),
            ([ufrag, pwd, fingerprint, "a=setup"], .invalidSetup("")),
            ([ufrag, pwd, fingerprint, "a=sctp-port:70000"], .invalidSCTPPort("70000")),
            ([ufrag, pwd, fingerprint, "a=max-message-size:-1"], .invalidMaxMessageSize("-1")),
            ([ufrag, pwd, fingerprint, "a=max-message-size:99999999999999999999999"],
             .invalidMaxMessageSize("99999999999999999999999")),
        ]
    )
    func badAttributes(lines: [String], expected: SDPError) throws {
        var all = Self.base
        if lines.first?.hasPrefix("m=") == true { all.removeLast() }
        let description = try SessionDescription(parsing: SDPFixture.crlf(all + lines))
        #expect(throws: expected) { try WebRTCDataSession(description) }
    }

    @Test func minimalValidSection() throws {
        let description = try SessionDescription(parsing: SDPFixture.crlf(Self.base + [Self.ufrag, Self.pwd, Self.fingerprint]))
        let session = try WebRTCDataSession(description)
        #expect(session.fingerprints[0].attributeValue == String(Self.fingerprint.dropFirst("a=fingerprint:".count)))
        #expect(session.setup == nil)
        #expect(session.candidates.isEmpty)
    }

    @Test func lowercaseFingerprintHexIsAccepted() throws {
        let fingerprint = try SDPFingerprint(attributeValue: "SHA-1 0a:0B:0c:0D:0e:0F:10:11:12:13:14:15:16:17:18:19:1a:1b:1c:1d")
        #expect(fingerprint.algorithm == "sha-1")
        #expect(fingerprint.bytes == Array(10...29))
        #expect(fingerprint.attributeValue == "sha-1 0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D")
    }

    @Test func candidateValuesKeepEveryColonAfterTheFirst() throws {
        let candidate = "candidate:3 1 udp 2122262783 2001:db8::1 50002 typ host generation 0"
        let description = try SessionDescription(
            parsing: SDPFixture.crlf(Self.base + [Self.ufrag, Self.pwd, Self.fingerprint, "a=\(candidate)"])
        )
        #expect(try WebRTCDataSession(description).candidates == [candidate])
    }
}
