/// When the NOTIFY sender may start its next statement: statements start at least `interval`
/// apart, so envelopes queued meanwhile go into that one statement (one commit). One that took
/// longer than `interval` lets the next start as soon as it ends, so an envelope waits at most
/// the longer of the two (adding the interval after each statement instead, as before session 11
/// of docs/BENCHMARKS.md, made every envelope wait a round trip plus the interval).
///
/// A state machine without a clock: the sender tells it when a statement started, and asks how
/// long to wait at a given instant.
struct NotifyPacer: Sendable, Equatable {
    let interval: Duration
    private var lastStart: ContinuousClock.Instant?

    init(interval: Duration) {
        self.interval = interval
    }

    /// A statement started at `now`.
    mutating func started(at now: ContinuousClock.Instant) {
        lastStart = now
    }

    /// How long the sender waits at `now` before it takes what is queued for the next statement.
    func delay(at now: ContinuousClock.Instant) -> Duration {
        guard let lastStart, lastStart + interval > now else { return .zero }
        return lastStart + interval - now
    }
}
