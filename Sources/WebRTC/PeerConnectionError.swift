/// Why a ``PeerConnection`` or ``DataChannel`` call failed.
public enum PeerConnectionError: Error, Hashable, Sendable {
    /// The connection is closed.
    case closed
    /// The call does not fit the signaling state (W3C `InvalidStateError`), with the state it was in.
    case invalidSignalingState(PeerSignalingState)
    /// The description could not be parsed or lacks what a data-channel session needs.
    case invalidDescription(String)
    /// The remote description is not an answer to our offer, or vice versa (W3C `InvalidModificationError`).
    case descriptionMismatch(String)
    /// A candidate line could not be parsed or was refused.
    case invalidCandidate(String)
    /// `addIceCandidate` before a remote description.
    case noRemoteDescription
    /// The data channel is not open (W3C `InvalidStateError`).
    case channelNotOpen(DataChannelState)
    /// The message is larger than the remote's `a=max-message-size` (W3C `TypeError`).
    case messageTooLarge(size: Int, limit: Int)
    /// The channel's send queue would pass its bound (W3C `OperationError`).
    case sendQueueFull(limit: Int)
    /// The channel options are contradictory or out of range (W3C `TypeError` / `SyntaxError`).
    case invalidChannelOptions(String)
    /// Every stream id of our parity is in use (W3C `OperationError`).
    case noStreamAvailable
    /// A negotiated id is already taken by another channel.
    case streamInUse(UInt16)
    /// A socket could not be bound.
    case bindFailed(String)
    /// The certificate could not be generated or loaded.
    case certificate(String)
    /// The transport below failed in a way the caller asked about.
    case transport(String)
}
