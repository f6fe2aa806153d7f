import NIOCore

/// A timer on a ``PeerConnectionLoop``: `cancel()` stops it; a run already started finishes.
public struct LoopTimer: Sendable {
    private let stop: @Sendable () -> Void

    init(stop: @escaping @Sendable () -> Void) {
        self.stop = stop
    }

    /// Stops the timer; later runs do not happen.
    public func cancel() {
        stop()
    }
}
