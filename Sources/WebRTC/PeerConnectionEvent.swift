public import ICE

/// What a ``PeerConnectionCore`` reports through ``PeerConnectionCore/pollEvent()``.
public enum PeerConnectionEvent: Hashable, Sendable {
    /// A local candidate to trickle, in W3C form (`candidate:...`): `onicecandidate`.
    case localCandidate(String)
    /// Gathering finished: the `null` candidate of `onicecandidate`.
    case endOfCandidates
    /// `onicegatheringstatechange`.
    case iceGatheringStateChanged(ICEGatheringState)
    /// `oniceconnectionstatechange`.
    case iceConnectionStateChanged(ICEConnectionState)
    /// ICE selected another pair to carry the data (W3C `onselectedcandidatepairchange`).
    case selectedCandidatePairChanged(CandidatePair)
    /// Why an ICE check, TURN request or STUN query failed (logged at debug by the driver).
    case iceDiagnostic(ICEDiagnostic)
    /// `onconnectionstatechange`.
    case connectionStateChanged(PeerConnectionState)
    /// `onsignalingstatechange`.
    case signalingStateChanged(PeerSignalingState)
    /// The remote opened an in-band channel: `ondatachannel`. It is already open.
    case dataChannel(DataChannelHandle, DataChannelInfo)
    /// A channel got its stream id (in-band channels created before the DTLS role was known).
    case channelIDAssigned(DataChannelHandle, UInt16)
    /// A channel became open: `onopen`.
    case channelOpened(DataChannelHandle)
    /// A message arrived: `onmessage`.
    case message(DataChannelHandle, DataChannelMessage)
    /// These bytes of earlier sends left the channel's queue: handed to SCTP, or dropped because
    /// the channel closed. Drives `bufferedAmount`.
    case bytesDequeued(DataChannelHandle, Int)
    /// The channel started closing: `onclosing`.
    case channelClosing(DataChannelHandle)
    /// Both directions are reset or the connection ended: `onclose`.
    case channelClosed(DataChannelHandle)
}
