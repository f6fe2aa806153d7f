/// Counters an agent keeps for diagnostics and tests.
public struct ICEStats: Hashable, Sendable {
    /// Connectivity-check requests sent, retransmissions included.
    public var checksSent = 0
    /// Authenticated Binding requests received and answered.
    public var requestsAnswered = 0
    /// Requests dropped without answer: no USERNAME/MESSAGE-INTEGRITY or a username for other credentials.
    public var unauthenticatedRequests = 0
    /// Requests and responses dropped because MESSAGE-INTEGRITY did not verify.
    public var badIntegrityMessages = 0
    /// 420 responses sent for unknown comprehension-required attributes.
    public var unknownAttributeResponses = 0
    /// 487 Role Conflict responses sent.
    public var roleConflictResponses = 0
    /// Datagrams that were neither valid STUN nor expected data.
    public var droppedPackets = 0
    /// Consent checks sent (RFC 7675).
    public var consentChecksSent = 0
    /// Application datagrams sent and received.
    public var dataPacketsSent = 0
    /// Application datagrams received.
    public var dataPacketsReceived = 0
    /// Application datagrams sent through a TURN relay.
    public var relayedPacketsSent = 0
    /// Application datagrams held while the selected pair's address was gone and no new pair
    /// was selected yet (sent once one is).
    public var heldWhileMoving = 0
    /// Application datagrams dropped because the hold during a move was full.
    public var droppedWhileMoving = 0
    /// Application datagrams sent on a valid pair before any pair was selected (RFC 8445 §12.1),
    /// such as a DTLS ClientHello that leaves before the nomination.
    public var sentBeforeSelection = 0
    /// Application datagrams held because no pair was valid yet (sent on the first one that is).
    public var heldBeforeValidPair = 0

    /// All zero.
    public init() {}
}
