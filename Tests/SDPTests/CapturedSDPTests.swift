import Foundation
import SDP
import Testing

/// Real descriptions captured from Chromium 156, Firefox ESR 153, aiortc 1.16 and Pion 3.1.56
/// (see Fixtures/README.md): each parses, yields a data-channel session, and round-trips.
@Suite("Captured SDPs from other stacks")
struct CapturedSDPTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".sdp") }.sorted()
    }

    @Test("The fixtures are all there")
    func present() {
        for stack in ["chromium", "firefox", "aiortc", "pion"] {
            #expect(Self.names.contains("\(stack)-offer.sdp"))
            #expect(Self.names.contains("\(stack)-answer.sdp"))
        }
    }

    @Test("Parses, extracts the data-channel session, serializes byte for byte", arguments: names)
    func roundTrip(name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let description = try SessionDescription(parsing: text)
        let session = try WebRTCDataSession(description)
        #expect(!session.fingerprints.isEmpty)
        #expect(session.fingerprints.allSatisfy { $0.bytes.count >= 32 })
        #expect(session.iceUsernameFragment.count >= 4)
        #expect(session.sctpPort == 5000)
        if name.contains("offer") { #expect(session.setup == .actpass) } else { #expect(session.setup != .actpass) }
        #expect(description.text == text, "serialization reproduces the capture")
        #expect(try SessionDescription(parsing: description.text) == description)
    }

    @Test("What each stack says about message size")
    func maxMessageSizes() throws {
        func session(_ name: String) throws -> WebRTCDataSession {
            try WebRTCDataSession(SessionDescription(parsing: String(
                contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)))
        }
        #expect(try session("chromium-offer.sdp").maxMessageSize == 262_144)
        #expect(try session("pion-offer.sdp").maxMessageSize == nil, "Pion omits it: assume 65,535")
        #expect(try session("firefox-offer.sdp").maxMessageSize == 1_073_741_823)
    }
}
