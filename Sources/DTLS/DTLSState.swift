/// The lifecycle of a `DTLSEndpoint`, named like W3C's `RTCDtlsTransportState`.
public enum DTLSState: Sendable, Hashable {
    /// Created; `start(now:)` not called yet.
    case new
    /// Handshake in progress.
    case connecting
    /// Handshake done and the remote fingerprint matched: application data flows.
    case connected
    /// `close_notify` sent or received; nothing more flows.
    case closed
    /// A handshake failure, fingerprint mismatch, fatal alert or timeout; see the `.failed` event.
    case failed
}
