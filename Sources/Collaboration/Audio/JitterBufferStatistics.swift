/// Counters of a `JitterBuffer`.
public struct JitterBufferStatistics: Hashable, Sendable {
    /// Frames accepted into the buffer.
    public var received = 0
    /// Frames handed out by `pop`.
    public var played = 0
    /// Frames never received when their slot came (`.lost`), minus those that turned up later.
    public var lost = 0
    /// Frames that arrived after their slot had been played or concealed.
    public var late = 0
    /// Frames received twice.
    public var duplicates = 0
    /// Frames discarded to shrink the buffer towards its target, or to make room.
    public var discarded = 0
    /// Times the buffer ran dry while playing.
    public var underruns = 0
}
