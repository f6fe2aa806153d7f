import Synchronization

/// Since when a connection's writer has data in NIO that the kernel has not taken and has seen
/// no progress, shared with the connection's timer: a write to a peer that stops reading never
/// completes by itself, while a peer that reads, however slowly, keeps moving it.
final class WriteClock: Sendable {
    private let started = Mutex<ContinuousClock.Instant?>(nil)

    /// The writer handed data to the socket with nothing else pending (an open wait stays).
    func begin(_ now: ContinuousClock.Instant) {
        started.withLock { $0 = $0 ?? now }
    }

    /// Some of the pending data reached the kernel and some is still waiting.
    func progress(_ now: ContinuousClock.Instant) {
        started.withLock { $0 = now }
    }

    /// Everything written so far was taken.
    func end() {
        started.withLock { $0 = nil }
    }

    /// Since when pending data has made no progress, nil when nothing is pending.
    var pendingSince: ContinuousClock.Instant? {
        started.withLock { $0 }
    }
}
