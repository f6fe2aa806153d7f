/// What the engine's performer task runs, one at a time, in the order the core asked.
enum DriverWork: Sendable {
    /// An action that awaits (signaling, link negotiation, closing).
    case action(EngineAction)
    /// Resumes a caller once everything queued before it was performed.
    case barrier(CheckedContinuation<Void, Never>)
}
