import Testing

@testable import SDP

@Suite("SessionDescription input bounds")
struct SDPLimitTests {
    @Test func inputOver256KiBIsRejected() throws {
        let header = "v=0\r\na=x:"
        let fill = String(repeating: "A", count: SessionDescription.maximumByteCount - header.utf8.count - 2)
        let atLimit = header + fill + "\r\n"
        #expect(atLimit.utf8.count == SessionDescription.maximumByteCount)
        _ = try SessionDescription(parsing: atLimit)
        let over = atLimit + "a"
        #expect(throws: SDPError.inputTooLarge(byteCount: SessionDescription.maximumByteCount + 1)) {
            try SessionDescription(parsing: over)
        }
    }

    @Test func moreThan10000LinesIsRejected() throws {
        let lines = ["v=0"] + Array(repeating: "a=x", count: SessionDescription.maximumLineCount - 1)
        let atLimit = SDPFixture.crlf(lines)
        #expect(try SessionDescription(parsing: atLimit).sessionLines.count == 10_000)
        #expect(throws: SDPError.tooManyLines) { try SessionDescription(parsing: atLimit + "a=x\r\n") }
        // Blank lines count too: they cost the parser work.
        #expect(throws: SDPError.tooManyLines) { try SessionDescription(parsing: atLimit + "\r\n\r\n") }
    }

    @Test func moreThan64MediaSectionsIsRejected() throws {
        let section = "m=application 9 UDP/DTLS/SCTP webrtc-datachannel"
        let atLimit = ["v=0"] + Array(repeating: section, count: SessionDescription.maximumMediaCount)
        #expect(try SessionDescription(parsing: SDPFixture.crlf(atLimit)).media.count == 64)
        #expect(throws: SDPError.tooManyMediaSections(line: 66)) {
            try SessionDescription(parsing: SDPFixture.crlf(atLimit + [section]))
        }
    }
}
