/// What happened to one remote participant's audio at this receiver.
public struct AudioReceiverStatistics: Hashable, Sendable {
    /// Frames that arrived (duplicates and late ones included).
    public var arrived = 0
    /// Frames decoded as received.
    public var decoded = 0
    /// Frames never received in time, before recovery (the jitter buffer's `lost`).
    public var lost = 0
    /// Frames that arrived after their slot.
    public var late = 0
    /// Frames of the previous codec or frame size that arrived after the first of the new one
    /// (the host changed the room's settings; the channel is unordered): dropped.
    public var superseded = 0
    /// Slots filled by concealment (PLC).
    public var concealed = 0
    /// Lost frames rebuilt from the next frame's in-band FEC.
    public var fecRecovered = 0
    /// Lost frames rebuilt from the redundant copy carried by the next frame.
    public var redundancyRecovered = 0
    /// Frames of concealment played without a loss, once, to deepen the buffer by a frame after
    /// the first loss (so FEC and redundancy find the next frame waiting).
    public var stretched = 0
    /// Times the buffer ran dry while playing.
    public var underruns = 0
    /// Mean time a played frame waited in the jitter buffer, µs (exponential average).
    public var bufferDelay: Double = 0
    /// The buffer's current target depth, µs.
    public var targetDepth: Int64 = 0
    /// The RFC 3550 inter-arrival jitter estimate, µs.
    public var jitter: Double = 0
    /// Samples per channel of the frames received.
    public var frameSamples = 0

    /// Creates zeroed counters.
    public init() {}
}
