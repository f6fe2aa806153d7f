import RTCTestSupport
import Testing
import RTCBase

/// The browser client and app served on plain GETs (docs/BROWSER.md), found next to the test binary as they are
/// next to `collab`: SwiftPM copies the SignalingServer target's Web folder there.
@Suite(.timeLimit(.minutes(1))) struct StaticFilesTests {
    @Test func theAppAndTheLibraryAreServedWithAStrictPolicy() async throws {
        try await TestServer.with { server in
            let page = try await RawHTTP.get(port: server.port, path: "/").lowercased()
            #expect(page.hasPrefix("http/1.1 200"))
            #expect(page.contains("content-type: text/html; charset=utf-8"))
            #expect(page.contains("content-security-policy: default-src 'self'; script-src 'self'"))
            #expect(page.contains("x-content-type-options: nosniff"))
            #expect(page.contains(#"<script type="module" src="/app.js"></script>"#))
            let library = try await RawHTTP.get(port: server.port, path: "/collab.js")
            #expect(library.hasPrefix("HTTP/1.1 200"))
            #expect(library.lowercased().contains("content-type: text/javascript"))
            #expect(library.contains("export const Collab"))
            let missing = try await RawHTTP.get(port: server.port, path: "/not-there.js")
            #expect(missing.hasPrefix("HTTP/1.1 404"))
        } as Void
    }
}
