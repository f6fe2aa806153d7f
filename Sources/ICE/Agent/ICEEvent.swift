public import RTCBase
import STUN

/// What an ``ICEAgent`` reports through ``ICEAgent/pollEvent()``.
public enum ICEEvent: Hashable, Sendable {
    /// A new local candidate to trickle to the peer (RFC 8838 §4).
    case localCandidate(Candidate)
    /// Gathering progressed; `.complete` is the cue to signal end-of-candidates.
    case gatheringStateChanged(ICEGatheringState)
    /// The W3C connection state changed.
    case connectionStateChanged(ICEConnectionState)
    /// The pair used for application data changed.
    case selectedPairChanged(CandidatePair)
    /// Something failed, with the reason: for debug logs.
    case diagnostic(ICEDiagnostic)
    /// A role conflict (RFC 8445 §7.3.1.1) switched this agent's role.
    case roleChanged(ICERole)
    /// A remote peer-reflexive candidate was learned from an incoming check (§7.3.1.3).
    case remotePeerReflexiveCandidate(Candidate)
    /// A local peer-reflexive candidate was learned from a check response (§7.2.5.3.1).
    case localPeerReflexiveCandidate(Candidate)
    /// Application bytes (not STUN) received on a valid pair, for the layer above (DTLS).
    case data([UInt8], from: TransportAddress)
}
