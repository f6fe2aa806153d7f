/// What the driver learned about one link: the outcome of an action it performed, or an event
/// the link reported.
enum LinkInput: Sendable {
    /// ``EngineAction/makeLink(peer:generation:iceServers:)`` or a restart made this link.
    case made(any PeerLink)
    /// The transport could not make a link.
    case makeFailed(EngineError)
    /// `createOffer` gave this SDP (already applied locally).
    case offerCreated(String)
    /// `acceptOffer` applied the remote offer and gave this answer SDP.
    case answerCreated(String)
    /// `acceptAnswer` applied the remote answer.
    case answerApplied
    /// A description step failed.
    case negotiationFailed(EngineError)
    /// The link reported something (candidate, state, channel open/close, message).
    case event(PeerLinkEvent)
}
