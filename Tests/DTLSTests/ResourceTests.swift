import DTLS
import Foundation
import STUN
import Testing

/// Endpoints release their OpenSSL state.
@Suite(.timeLimit(.minutes(1))) struct ResourceTests {
    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let fields = statm.split(separator: " ")
        return (Int(fields[1]) ?? 0) * 4096
    }

    /// Under AddressSanitizer freed memory sits in quarantine, so RSS says nothing; LeakSanitizer
    /// checks leaks there instead (scripts/asan-shims).
    @Test(.disabled(if: ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil, "RSS is meaningless under ASan"))
    func thousandEndpointsDoNotLeak() throws {
        let client = try Fixtures.clientCertificate
        let expected = try [Fixtures.serverCertificate.fingerprint]
        func churn(_ count: Int) throws {
            for _ in 0..<count {
                let endpoint = try DTLSEndpoint(role: .client, certificate: client, remoteFingerprints: expected)
                endpoint.start(now: .zero)  // allocates the handshake state and a ClientHello
                while endpoint.pollTransmit() != nil {}
            }
        }
        try churn(200)  // warm up allocator arenas and OpenSSL's caches
        let before = try residentBytes()
        try churn(1000)
        let after = try residentBytes()
        // Tests run in parallel in this process, so allow slack; a leak of even 4 KiB per
        // endpoint would show as 4 MB.
        #expect(after - before < 8 * 1024 * 1024, "RSS grew by \(after - before) bytes")
    }
}
