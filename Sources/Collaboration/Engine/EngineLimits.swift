/// Bounds on everything a peer or a slow application can make the engine hold.
public struct EngineLimits: Hashable, Sendable {
    /// Events held for an application that is not reading `events`; past it the oldest are dropped.
    public var eventBuffer = 8192
    /// Reliable messages (control, chat, MIDI) kept per peer and channel until the peer
    /// acknowledges them (sent or still waiting); past it the oldest is dropped and counted.
    public var outboxMessages = 512
    /// Audio is not queued behind this many unsent bytes on a peer's audio channel (the frame is dropped for that peer).
    public var audioBufferedBytes = 64 * 1024
    /// Bio samples likewise.
    public var bioBufferedBytes = 16 * 1024
    /// Remote candidates held per peer before its description arrives.
    public var pendingCandidates = 64
    /// Driver steps that await (signaling sends, link negotiation) queued before they are dropped
    /// (logged; the restart rule recovers a link whose step was lost).
    public var supervisorQueue = 4096

    /// The defaults above.
    public init() {}
}
