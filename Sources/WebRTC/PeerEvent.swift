/// What a ``PeerConnection`` reports on ``PeerConnection/events``: the W3C `RTCPeerConnection` events.
public enum PeerEvent: Sendable {
    /// `onicecandidate`: a local candidate to trickle (`candidate:...`), or `nil` when gathering is complete.
    case iceCandidate(String?)
    /// `onicegatheringstatechange`.
    case iceGatheringStateChange(RTCIceGatheringState)
    /// `oniceconnectionstatechange`.
    case iceConnectionStateChange(RTCIceConnectionState)
    /// W3C `RTCIceTransport.onselectedcandidatepairchange`: the pair now carrying data.
    case selectedCandidatePairChange(RTCIceCandidatePair)
    /// `onconnectionstatechange`.
    case connectionStateChange(PeerConnectionState)
    /// `onsignalingstatechange`.
    case signalingStateChange(PeerSignalingState)
    /// `ondatachannel`: the remote opened this channel (it is already open).
    case dataChannel(DataChannel)
}
