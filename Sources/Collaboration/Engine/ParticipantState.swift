/// Where the engine stands with one participant's peer link.
public enum ParticipantState: String, Hashable, Sendable {
    /// Ourselves.
    case local
    /// Negotiating or waiting for the transport.
    case connecting
    /// The control channel is open: data flows.
    case connected
    /// The link was lost and is being re-established (ICE restart by renegotiation).
    case reconnecting
    /// The room secrets differ: this participant cannot be reached (see `EngineError.wrongRoomSecret`).
    case refused
}
