/// The transport state of one link to a remote participant (the W3C `connectionState`).
public enum PeerLinkState: String, Hashable, Sendable {
    /// Created, nothing exchanged yet.
    case new
    /// ICE checks or the DTLS handshake are running.
    case connecting
    /// The transport is up (channels open soon after).
    case connected
    /// Consent was lost for a while; it may come back.
    case disconnected
    /// ICE or DTLS failed; the link will not recover on its own.
    case failed
    /// The link was closed.
    case closed
}
