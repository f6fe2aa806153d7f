/// Candidate gathering progress, named as `RTCIceGatheringState` in W3C WebRTC.
public enum ICEGatheringState: String, Hashable, Sendable {
    /// Gathering has not started.
    case new
    /// Asking STUN/TURN servers.
    case gathering
    /// Every server answered or timed out; no more local candidates will come (end-of-candidates).
    case complete
}
