/// The engine's link to its session, as an application shows it.
public enum EngineConnectionState: String, Hashable, Sendable {
    /// No session.
    case disconnected
    /// Creating or joining a session.
    case connecting
    /// In a session, signaling up.
    case connected
    /// The signaling connection dropped; resuming (peer links keep running meanwhile).
    case reconnecting
    /// The session is lost (the server no longer knows us, or the engine could not join).
    case failed
}
