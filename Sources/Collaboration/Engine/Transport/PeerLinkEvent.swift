/// What a ``PeerLink`` reports to the engine.
public enum PeerLinkEvent: Sendable {
    /// A local ICE candidate to trickle to the remote (`candidate:...`), or `nil` at the end of gathering.
    case localCandidate(String?)
    /// The transport state changed.
    case state(PeerLinkState)
    /// ICE selected the network path the link now uses.
    case path(LinkPath)
    /// A channel became open for sending.
    case channelOpen(EngineChannel)
    /// A message arrived on a channel (text messages are handed over as their UTF-8 bytes).
    case message(EngineChannel, [UInt8])
    /// A channel closed.
    case channelClosed(EngineChannel)
}
