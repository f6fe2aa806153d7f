/// The W3C `RTCPeerConnectionState`: ICE and DTLS combined.
public enum PeerConnectionState: String, Hashable, Sendable {
    /// Nothing has started.
    case new
    /// ICE is checking or DTLS is handshaking.
    case connecting
    /// ICE has a pair and DTLS is up.
    case connected
    /// ICE lost consent for a while; it may come back.
    case disconnected
    /// ICE failed, DTLS failed (including a fingerprint mismatch) or SCTP aborted.
    case failed
    /// ``PeerConnection/close()`` was called.
    case closed
}
