/// The receiver's side of one reliable channel from one peer: drops messages it already
/// delivered (resent after a link restart) and notices gaps (the sender's bound dropped some).
struct SequenceTracker {
    /// What to do with an arriving message.
    enum Verdict: Equatable {
        /// New: deliver it; `missed` messages before it will never come.
        case deliver(missed: Int)
        /// Already delivered: drop it.
        case duplicate
    }

    private(set) var stream: UInt32?
    /// The next sequence number expected.
    private(set) var next: UInt32 = 0
    /// Whether `next` moved since the last ``acknowledgement(for:)``.
    private(set) var changed = false

    /// Judges `envelope` and advances. A new `stream` (the sender met us anew) restarts the count.
    mutating func accept(stream incoming: UInt32, sequence: UInt32) -> Verdict {
        if stream != incoming {
            stream = incoming
            next = sequence &+ 1
            changed = true
            return .deliver(missed: 0)
        }
        // Wrapping comparison: within half the number space behind `next` is old.
        let ahead = sequence &- next
        if ahead >= 1 << 31 { return .duplicate }
        next = sequence &+ 1
        changed = true
        return .deliver(missed: Int(ahead))
    }

    /// The acknowledgement to send for `channel`, if anything changed since the last one.
    mutating func acknowledgement(for channel: EngineChannel) -> SequenceAck? {
        guard changed, let stream else { return nil }
        changed = false
        return SequenceAck(channel: channel, stream: stream, next: next)
    }
}
