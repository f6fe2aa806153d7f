/// The W3C `RTCSignalingState` for the offer/answer exchange (RFC 8829 §3.2).
public enum PeerSignalingState: String, Hashable, Sendable {
    /// No exchange in progress.
    case stable
    /// We set a local offer and wait for the answer.
    case haveLocalOffer = "have-local-offer"
    /// We set a remote offer and owe an answer.
    case haveRemoteOffer = "have-remote-offer"
    /// ``PeerConnection/close()`` was called.
    case closed
}
