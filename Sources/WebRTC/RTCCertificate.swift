#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
package import DTLS

/// W3C `RTCCertificate`: the key and self-signed certificate DTLS presents, whose fingerprint the
/// SDP carries (RFC 8122). Share one between connections to save the key generation.
public struct RTCCertificate: Sendable {
    package let dtls: DTLSCertificate

    package init(_ dtls: DTLSCertificate) {
        self.dtls = dtls
    }

    /// Generates an ECDSA P-256 key and a certificate valid for `validFor` (30 days by default).
    ///
    /// - Throws: ``PeerConnectionError/certificate(_:)`` when BoringSSL refuses.
    public static func generate(validFor: Duration = .seconds(30 * 86400)) throws(PeerConnectionError) -> RTCCertificate {
        do {
            return RTCCertificate(try DTLSCertificate.generate(validFor: validFor))
        } catch {
            throw .certificate("\(error)")
        }
    }

    /// The SHA-256 fingerprint as `a=fingerprint` writes it: `sha-256 AB:CD:...`.
    public var fingerprint: String { dtls.fingerprint.sdpValue }

    /// The certificate's notAfter, when it could be read.
    public var expires: Date? { dtls.expires }
}
