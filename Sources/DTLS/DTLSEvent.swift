/// Something an endpoint reports through `DTLSEndpoint.pollEvent()`.
public enum DTLSEvent: Sendable, Equatable {
    /// The handshake finished and the peer's certificate matched `remoteFingerprint`, one of the
    /// fingerprints given to the endpoint (RFC 8122 §5). Application data may flow from now on.
    case connected(remoteFingerprint: DTLSFingerprint)
    /// The payload of one decrypted application-data record: one SCTP packet (RFC 8261 §5).
    case applicationData([UInt8])
    /// The peer sent `close_notify`, or `close(now:)` sent ours.
    case closed
    /// The endpoint failed for good; its state is `.failed`.
    case failed(DTLSError)
}
