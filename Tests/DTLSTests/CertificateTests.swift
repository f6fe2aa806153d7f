import DTLS
import Foundation
import Testing
import RTCBase
import RTCTestSupport

/// Certificate generation, checked against the openssl command line.
@Suite(.timeLimit(.minutes(1))) struct CertificateTests {
    private func openssl(_ arguments: [String], der: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dtls-\(UUID().uuidString).der")
        try Data(der).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // Standard output only: a warning on standard error must not reach the parsed text.
        return try ChildProcess.run(["/bin/sh", "-c", "exec \"$0\" \"$@\" 2>/dev/null", "/usr/bin/openssl"] + arguments + ["-in", file.path]).output
    }

    @Test func fingerprintMatchesOpenSSLCommandLine() throws {
        let certificate = try DTLSCertificate.generate()
        let output = try openssl(["x509", "-inform", "DER", "-noout", "-fingerprint", "-sha256"],
                                 der: certificate.certificateDER)
        // "SHA256 Fingerprint=AB:CD:..."
        let printed = output.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(printed == certificate.fingerprint.hexPairs)
        #expect(certificate.fingerprint.bytes.count == 32)
    }

    @Test func certificateIsSelfSignedECDSAP256() throws {
        let certificate = try DTLSCertificate.generate(commonName: "unit-test", validFor: .seconds(86400))
        let text = try openssl(["x509", "-inform", "DER", "-noout", "-text"], der: certificate.certificateDER)
        #expect(text.contains("Version: 3"))
        #expect(text.contains("ecdsa-with-SHA256"))
        #expect(text.contains("prime256v1") || text.contains("P-256"))
        #expect(text.contains("Issuer: CN = unit-test"))
        #expect(text.contains("Subject: CN = unit-test"))
        let expires = try #require(certificate.expires)
        #expect(abs(expires.timeIntervalSinceNow - 86400) < 120)
    }

    @Test func serialsAndKeysDiffer() throws {
        let first = try DTLSCertificate.generate()
        let second = try DTLSCertificate.generate()
        #expect(first.fingerprint != second.fingerprint)
        #expect(first.privateKeyDER != second.privateKeyDER)
    }

    @Test func storedCertificateLoadsAndMismatchesAreRejected() throws {
        let first = try DTLSCertificate.generate()
        let second = try DTLSCertificate.generate()
        let reloaded = try DTLSCertificate(certificateDER: first.certificateDER, privateKeyDER: first.privateKeyDER)
        #expect(reloaded.fingerprint == first.fingerprint)
        #expect(throws: DTLSError.self) {
            try DTLSCertificate(certificateDER: first.certificateDER, privateKeyDER: second.privateKeyDER)
        }
        #expect(throws: DTLSError.self) { try DTLSCertificate(certificateDER: [0x30, 0x03, 1, 2, 3], privateKeyDER: []) }
        #expect(throws: DTLSError.self) { try DTLSCertificate.generate(validFor: .zero) }
    }
}
