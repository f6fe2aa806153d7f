/// When ``MemoryTrimmer`` may run `malloc_trim`: only after an interval in which the server was
/// quiet, judged by the CPU time the process used in it.
///
/// `malloc_trim` walks every arena under its lock, so the event loops allocating from them wait
/// for it: 0.8-4.3 ms per call while relaying at 10,000 msgs/s (docs/BENCHMARKS.md, session 10),
/// a stall of every socket of a loop. Memory worth returning is what a crowd leaves
/// behind once it has gone, that is when the server has little to do, and then a call is cheap
/// and delays few messages. A busy server keeps what its arenas hold until it quiets down (it
/// reuses that memory meanwhile). A pure state machine: the caller reads the clocks.
struct MemoryTrimPolicy: Sendable {
    /// What a check decided.
    enum Decision: Sendable, Equatable {
        case trim
        case skip
    }

    /// The share of one core the process may have used over an interval that still counts as
    /// quiet.
    let quietShare: Double
    private var previous: (at: ContinuousClock.Instant, cpu: Duration)?

    init(quietShare: Double = 0.05) {
        self.quietShare = quietShare
    }

    /// A check at `now`, when the process had used `cpu` of CPU time in all: trim when the time
    /// since the previous check was quiet. The first check only takes its reading.
    mutating func check(now: ContinuousClock.Instant, cpu: Duration) -> Decision {
        defer { self.previous = (now, cpu) }
        guard let previous, now > previous.at else { return .skip }
        let used = cpu - previous.cpu
        return used <= (now - previous.at) * quietShare ? .trim : .skip
    }
}
