/// Counts one sender's audio frames over a report period, for the `audio-loss` control message
/// (as an RTCP receiver report's "fraction lost", RFC 3550 §6.4.1, but per period and in percent).
struct AudioLossMeter: Sendable {
    private var highest: UInt32?
    private var expectedFrom: UInt32?
    private var received = 0

    /// A frame with `sequence` arrived.
    mutating func record(_ sequence: UInt32) {
        if expectedFrom == nil { expectedFrom = sequence }
        if let top = highest {
            if Int32(bitPattern: sequence &- top) > 0 { highest = sequence }
        } else {
            highest = sequence
        }
        received += 1
    }

    /// The loss since the last report, percent, or `nil` when nothing arrived; starts a new period.
    mutating func report() -> UInt8? {
        guard let top = highest, let first = expectedFrom else { return nil }
        let expected = Int(top &- first) + 1
        let lost = max(0, expected - received)
        expectedFrom = top &+ 1
        highest = nil
        received = 0
        // Whatever arrived for the next period's first slot starts it again.
        guard expected > 0 else { return 0 }
        return UInt8(min(100, (lost * 100 + expected - 1) / expected))
    }
}
