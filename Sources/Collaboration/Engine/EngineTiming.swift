/// The engine's timers. Durations, not magic numbers, so tests can shorten them.
public struct EngineTiming: Hashable, Sendable {
    /// Ping interval on the control channel (clock sync, RTT).
    public var pingInterval: Duration = .seconds(1)
    /// MIDI batching window.
    public var midiBatchInterval: Duration = .milliseconds(10)
    /// The supervisor's housekeeping period (link health, restarts, removals).
    public var tick: Duration = .milliseconds(250)
    /// A link `disconnected`, or not connected this long after it was made, is restarted by its
    /// offerer. `failed` restarts at once.
    public var restartAfter: Duration = .seconds(5)
    /// Delay between restart attempts; doubles per attempt up to `maximumRestartDelay`.
    public var restartDelay: Duration = .milliseconds(500)
    /// Cap of the restart delay.
    public var maximumRestartDelay: Duration = .seconds(8)
    /// A participant whose link stays down this long (after having been up) is removed with
    /// `participantLeft(reason: .lost)`.
    public var peerLostTimeout: Duration = .seconds(30)
    /// A participant removed as lost whom the signaling server still lists is met again (a new
    /// link, `participantJoined` again) this long after its removal; its offerer starts it.
    public var peerRetryAfterLost: Duration = .seconds(10)

    /// The defaults above.
    public init() {}
}
