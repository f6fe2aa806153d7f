/// The engine's timers. Durations, not magic numbers, so tests can shorten them.
public struct EngineTiming: Hashable, Sendable {
    /// Ping interval on the control channel (clock sync, RTT).
    public var pingInterval: Duration = .seconds(1)
    /// MIDI batching window.
    public var midiBatchInterval: Duration = .milliseconds(10)
    /// Received MIDI plays this long after its sender's timestamp (converted to our clock): the
    /// batching window plus a LAN's one-way delay and jitter, so notes keep their spacing. Events
    /// that arrive later than that play at once and are counted late.
    public var midiPlayoutDelay: Duration = .milliseconds(20)
    /// The core's housekeeping period (pings, acks, link health, restarts, removals).
    public var tick: Duration = .milliseconds(250)
    /// A link not up this long (since its negotiation completed, or since it went down) is
    /// restarted by its offerer even though its transport has not reported `failed`: far longer
    /// than a working ICE check schedule needs, so ICE that is still making progress is never cut
    /// short. A link whose transport reports `failed` or `closed` is restarted at once (subject
    /// to the backoff).
    public var linkStallTimeout: Duration = .seconds(30)
    /// An offer whose answer has not arrived this long is made again (it was lost with a dropped
    /// signaling socket, or the peer dropped it): ICE cannot start without the answer.
    public var answerTimeout: Duration = .seconds(10)
    /// Delay between restart attempts; doubles per attempt up to `maximumRestartDelay`.
    public var restartDelay: Duration = .milliseconds(500)
    /// Cap of the restart delay.
    public var maximumRestartDelay: Duration = .seconds(8)
    /// A participant whose link stays down this long (after having been up) is removed with
    /// `participantLeft(reason: .lost)`. Longer than `linkStallTimeout`, so a restart gets its chance.
    public var peerLostTimeout: Duration = .seconds(60)
    /// A participant removed as lost whom the signaling server still lists is met again (a new
    /// link, `participantJoined` again) this long after its removal; its offerer starts it.
    public var peerRetryAfterLost: Duration = .seconds(10)

    /// How often the engine reads the machine's interfaces to notice a network change (only when
    /// it gathers on every interface: ``EngineConfiguration/hostAddresses`` `nil`). On Linux it
    /// also reads them at once when the kernel reports an address added or removed (netlink).
    public var interfacePoll: Duration = .seconds(2)

    /// How often the audio pump decodes into the rings ``AudioOutput/render(frames:into:participants:)``
    /// reads: well under the shortest frame (2.5 ms), so the callback finds audio ready.
    public var audioPump: Duration = .milliseconds(2)

    /// A link's SCTP acknowledges at the latest every this many packets with data
    /// (``PeerConnectionConfiguration/sackFrequency``), and at once on a loss. Every link carries
    /// audio both ways every frame, so its acknowledgements ride on that audio; at RFC 9260's 2 about
    /// a fifth of the packets a participant sent were acknowledgements alone (docs/BENCHMARKS.md).
    public var sackFrequency = 4

    /// The defaults above.
    public init() {}
}
