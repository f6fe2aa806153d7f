/// What `JitterBuffer.pop(now:)` gives for one play-out slot.
public enum JitterBufferOutput: Hashable, Sendable {
    /// Still filling to the target depth: play silence, nothing is consumed.
    case buffering
    /// The frame for this slot.
    case frame(AudioFrame)
    /// The frame for this slot has not arrived but later ones have: conceal it (repeat, fade
    /// or silence). Counted as lost unless it turns up later (then it counts as late instead).
    case lost(sequence: UInt32)
    /// Nothing left to play: play silence; the buffer re-fills to its target before resuming.
    case underrun
}
