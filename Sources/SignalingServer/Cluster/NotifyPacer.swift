/// When the NOTIFY sender may start its next statement: envelopes queued meanwhile go into that
/// one statement (one commit), so pacing trades a little latency for fewer, larger commits.
///
/// A state machine without a clock: the sender tells it when a statement started and ended, and
/// asks how long to wait at a given instant.
struct NotifyPacer: Sendable, Equatable {
    enum Mode: Sendable, Equatable {
        /// Each statement starts `interval` after the previous one ended (before session 11): an
        /// envelope queued just after a statement started waits its round trip plus `interval`.
        case afterEnd(Duration)
        /// Statements start at least `interval` apart: one that took longer than `interval` lets
        /// the next start as soon as it ends, so an envelope waits at most the longer of the two.
        case betweenStarts(Duration)
    }

    let mode: Mode
    private var lastStart: ContinuousClock.Instant?
    private var lastEnd: ContinuousClock.Instant?

    init(_ mode: Mode) {
        self.mode = mode
    }

    /// A statement started at `now`.
    mutating func started(at now: ContinuousClock.Instant) {
        lastStart = now
    }

    /// The statement ended at `now` (sent, or given up).
    mutating func ended(at now: ContinuousClock.Instant) {
        lastEnd = now
    }

    /// How long the sender waits at `now` before it takes what is queued for the next statement.
    func delay(at now: ContinuousClock.Instant) -> Duration {
        let earliest: ContinuousClock.Instant? = switch mode {
        case .afterEnd(let interval): lastEnd.map { $0 + interval }
        case .betweenStarts(let interval): lastStart.map { $0 + interval }
        }
        guard let earliest, earliest > now else { return .zero }
        return earliest - now
    }
}
