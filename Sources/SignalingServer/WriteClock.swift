import Synchronization

/// When the frame a connection's writer is handing to the socket started waiting, shared with
/// the connection's watchdog (a write to a peer that stops reading never returns by itself).
final class WriteClock: Sendable {
    private let started = Mutex<ContinuousClock.Instant?>(nil)

    /// The writer is about to wait for the socket (the oldest wait still open counts).
    func begin(_ now: ContinuousClock.Instant) {
        started.withLock { $0 = $0 ?? now }
    }

    /// Everything written so far was taken.
    func end() {
        started.withLock { $0 = nil }
    }

    /// Since when the current write waits, nil when none does.
    var pendingSince: ContinuousClock.Instant? {
        started.withLock { $0 }
    }
}
