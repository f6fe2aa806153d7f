/// Why a DTLS operation failed. Every case is final for the endpoint that reports it, except
/// `notConnected` and `messageTooLarge`, which only refuse one `send`.
public enum DTLSError: Error, Hashable, Sendable {
    /// Key or certificate generation failed (BoringSSL's error string).
    case certificateGeneration(String)
    /// The certificate or private key DER does not parse, or they do not belong together.
    case invalidCertificate(String)
    /// BoringSSL could not set up the context or connection (BoringSSL's error string).
    case setupFailed(String)
    /// The peer's certificate matches none of the remote fingerprints (RFC 8122 §5).
    case fingerprintMismatch
    /// The handshake finished before any remote fingerprint was set, so the peer is unauthenticated.
    case missingRemoteFingerprint
    /// The handshake failed locally (BoringSSL's error string).
    case handshakeFailed(String)
    /// The peer sent a fatal alert (its description, e.g. `"bad certificate"`).
    case alertReceived(String)
    /// No handshake completed within `DTLSHandshakeTiming.handshakeTimeout`.
    case handshakeTimeout
    /// `send` before the handshake completed.
    case notConnected
    /// `send` of more than `DTLSEndpoint.maxApplicationDataSize` bytes (the size given).
    case messageTooLarge(Int)
    /// `send` after the endpoint closed or failed.
    case closed
    /// A fatal error after the handshake (BoringSSL's error string).
    case protocolError(String)
}
