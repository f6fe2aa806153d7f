import DTLS
import Foundation
import RTCBase
import RTCTestSupport
import Testing

/// Endpoints release their BoringSSL state.
@Suite(.timeLimit(.minutes(1))) struct ResourceTests {
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
        try churn(200)  // warm up allocator arenas and BoringSSL's caches
        // Tests run in parallel in this process and their allocations show in our RSS too (under
        // load one round once grew 21 MB), so judge the quietest of three rounds: a leak of even
        // 4 KiB per endpoint grows every round by 4 MB.
        var growth: [Int] = []
        for _ in 0..<3 {
            let before = residentBytes()
            try churn(1000)
            growth.append(residentBytes() - before)
        }
        #expect(growth.min()! < 8 * 1024 * 1024, "RSS grew by \(growth) bytes per 1,000 endpoints")
    }
}
