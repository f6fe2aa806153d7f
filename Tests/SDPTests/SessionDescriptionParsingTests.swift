import Testing

@testable import SDP

@Suite("SessionDescription parsing")
struct SessionDescriptionParsingTests {
    @Test("parse -> serialize -> parse is the identity, and CRLF input serializes byte for byte", arguments: SDPFixture.all)
    func roundTrip(fixture: SDPFixture) throws {
        let parsed = try SessionDescription(parsing: fixture.text)
        #expect(parsed.text == fixture.text)
        #expect(try SessionDescription(parsing: parsed.text) == parsed)
        #expect(parsed.media.count == 1)
        #expect(parsed.sessionLines.first == SDPLine(type: "v", value: "0"))
    }

    @Test("bare LF line endings are tolerated and serialize as CRLF", arguments: SDPFixture.all)
    func bareLineFeed(fixture: SDPFixture) throws {
        let lf = fixture.text.replacing("\r\n", with: "\n")
        let parsed = try SessionDescription(parsing: lf)
        #expect(parsed == (try SessionDescription(parsing: fixture.text)))
        #expect(parsed.text == fixture.text)
    }

    @Test func unknownLinesArePreservedInPlace() throws {
        let text = SDPFixture.crlf([
            "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "i=a session", "t=0 0",
            "a=x-vendor-thing:{\"json\": [1, 2]}", "a=ice-lite",
            "m=application 9/2 UDP/DTLS/SCTP webrtc-datachannel", "b=AS:30", "k=prompt",
            "a=x-another", "a=rtcp-mux-only", "z=last",
        ])
        let parsed = try SessionDescription(parsing: text)
        #expect(parsed.text == text)
        #expect(parsed.attributeValues("x-vendor-thing") == ["{\"json\": [1, 2]}"])
        #expect(parsed.attributeValues("ice-lite") == [nil])
        let section = try #require(parsed.media.first)
        #expect(section.portCount == 2)
        #expect(section.lines.map(\.type) == ["b", "k", "a", "a", "z"])
        #expect(section.attributeValues("x-another") == [nil])
    }

    @Test func blankLinesAreSkipped() throws {
        let parsed = try SessionDescription(parsing: "v=0\r\n\r\ns=-\n\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n")
        #expect(parsed.sessionLines.count == 2)
        #expect(parsed.media.count == 1)
    }

    @Test(
        "malformed input gives the right SDPError",
        arguments: [
            ("", SDPError.emptyInput),
            ("\r\n\r\n", .emptyInput),
            ("o=- 1 1 IN IP4 127.0.0.1\r\nv=0\r\n", .missingVersion(line: 1)),
            ("v=1\r\n", .unsupportedVersion(line: 1)),
            ("v=0\r\ns-\r\n", .missingEquals(line: 2)),
            ("v=0\r\ns=-\r\nt=0 0\r\n\r\na ice-lite\r\n", .missingEquals(line: 5)),
            ("v=0\r\nab=x\r\n", .invalidLineType(line: 2)),
            ("v=0\r\n=x\r\n", .invalidLineType(line: 2)),
            ("v=0\r\nA=x\r\n", .invalidLineType(line: 2)),
            ("v=0\r\na =x\r\n", .invalidLineType(line: 2)),
            ("v=0\r\nm=application 9 UDP/DTLS/SCTP\r\n", .malformedMediaLine(line: 2)),
            ("v=0\r\nm=\r\n", .malformedMediaLine(line: 2)),
            ("v=0\r\nm=application nine UDP/DTLS/SCTP webrtc-datachannel\r\n", .invalidPort(line: 2)),
            ("v=0\r\nm=application 65536 UDP/DTLS/SCTP webrtc-datachannel\r\n", .invalidPort(line: 2)),
            ("v=0\r\nm=application -9 UDP/DTLS/SCTP webrtc-datachannel\r\n", .invalidPort(line: 2)),
            ("v=0\r\nm=application 9/ UDP/DTLS/SCTP webrtc-datachannel\r\n", .invalidPort(line: 2)),
            ("v=0\r\nm=application 9/x UDP/DTLS/SCTP webrtc-datachannel\r\n", .invalidPort(line: 2)),
            ("v=0\r\nm=application 000009 UDP/DTLS/SCTP webrtc-datachannel\r\n", .invalidPort(line: 2)),
        ]
    )
    func malformed(input: String, expected: SDPError) {
        #expect(throws: expected) { try SessionDescription(parsing: input) }
    }
}
