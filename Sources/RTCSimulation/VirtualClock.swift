public import RTCBase

/// A clock that only moves when a test moves it.
public struct VirtualClock: Sendable {
    /// The current virtual instant.
    public private(set) var now: RTCInstant

    /// Starts at `start` (the timeline origin by default).
    public init(start: RTCInstant = .zero) {
        now = start
    }

    /// Moves forward by `duration`.
    public mutating func advance(by duration: Duration) {
        now = now + duration
    }

    /// Moves to `instant` if it is later; never goes back.
    public mutating func advance(to instant: RTCInstant) {
        now = max(now, instant)
    }

    /// Time elapsed since `start`.
    public func elapsed(since start: RTCInstant = .zero) -> Duration {
        now - start
    }
}
