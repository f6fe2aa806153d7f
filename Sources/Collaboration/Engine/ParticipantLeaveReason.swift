/// Why a participant left the engine's view of the session.
public enum ParticipantLeaveReason: String, Hashable, Sendable {
    /// The signaling server reported it left (or its grace period after a drop ran out).
    case left
    /// Its peer link stayed down longer than `EngineTiming.peerLostTimeout`.
    case lost
}
