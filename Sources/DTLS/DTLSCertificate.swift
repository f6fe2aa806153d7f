#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import CDTLS

/// A local DTLS identity: a self-signed ECDSA P-256 certificate and its private key, the
/// equivalent of W3C's `RTCCertificate`.
///
/// The certificate is not trusted through any CA: the peer learns its fingerprint through the
/// signalled SDP (`a=fingerprint`, RFC 8122 §5) and checks it during the handshake.
/// Generate one per PeerConnection or share one across connections; it is an immutable value.
public struct DTLSCertificate: Sendable {
    /// The X.509 certificate, DER-encoded.
    public let certificateDER: [UInt8]
    /// The private key, DER-encoded PKCS#8. Keep it secret.
    public let privateKeyDER: [UInt8]
    /// The SHA-256 fingerprint of `certificateDER`, for the local `a=fingerprint` line.
    public let fingerprint: DTLSFingerprint
    /// The certificate's notAfter, when it could be read.
    public let expires: Date?

    /// Generates an ECDSA P-256 key and a self-signed X.509 v3 certificate signed with SHA-256,
    /// with a random 128-bit serial, valid from one day ago (clock skew) for `validFor`.
    public static func generate(commonName: String = "collab",
                                validFor: Duration = .seconds(30 * 86400)) throws(DTLSError) -> DTLSCertificate {
        let seconds = validFor.components.seconds
        guard seconds > 0 else { throw .certificateGeneration("validity must be at least one second") }
        var certPointer: UnsafeMutablePointer<UInt8>?
        var certLength = 0
        var keyPointer: UnsafeMutablePointer<UInt8>?
        var keyLength = 0
        var message = CStringBuffer()
        let ok = cdtls_generate_certificate(commonName, seconds, &certPointer, &certLength,
                                            &keyPointer, &keyLength, &message.storage, 256)
        guard ok == 1, let certPointer, let keyPointer else {
            throw .certificateGeneration(message.text)
        }
        let cert = Array(UnsafeBufferPointer(start: certPointer, count: certLength))
        let key = Array(UnsafeBufferPointer(start: keyPointer, count: keyLength))
        cdtls_free(certPointer)
        keyPointer.update(repeating: 0, count: keyLength)
        cdtls_free(keyPointer)
        return try DTLSCertificate(certificateDER: cert, privateKeyDER: key)
    }

    /// Wraps a stored certificate and key (DER; the key as PKCS#8 or SEC1), checking that both
    /// parse and belong together.
    public init(certificateDER: [UInt8], privateKeyDER: [UInt8]) throws(DTLSError) {
        var notAfter: Int64 = 0
        var message = CStringBuffer()
        let ok = cdtls_check_certificate(certificateDER, certificateDER.count, privateKeyDER,
                                         privateKeyDER.count, &notAfter, &message.storage, 256)
        guard ok == 1 else { throw .invalidCertificate(message.text) }
        self.certificateDER = certificateDER
        self.privateKeyDER = privateKeyDER
        var digest = [UInt8](repeating: 0, count: 64)
        let length = cdtls_digest("SHA256", certificateDER, certificateDER.count, &digest)
        fingerprint = DTLSFingerprint(algorithm: "sha-256", bytes: Array(digest.prefix(length)))
        expires = notAfter > 0 ? Date(timeIntervalSince1970: TimeInterval(notAfter)) : nil
    }
}
