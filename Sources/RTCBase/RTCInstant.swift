/// A point on a monotonic timeline, in nanoseconds from an arbitrary origin.
///
/// Every sans-IO core in this package takes time as an argument of this type, so that a test can
/// drive a whole connection from a virtual clock and a driver can map it from `ContinuousClock`.
public struct RTCInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the timeline's origin.
    public var nanoseconds: Int64

    /// Creates an instant `nanoseconds` after the timeline's origin.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The origin of the timeline; tests usually start here.
    public static let zero = RTCInstant(nanoseconds: 0)

    /// Orders instants by their position on the timeline.
    public static func < (lhs: RTCInstant, rhs: RTCInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The instant `duration` after `instant`.
    public static func + (instant: RTCInstant, duration: Duration) -> RTCInstant {
        RTCInstant(nanoseconds: instant.nanoseconds &+ duration.rtcNanoseconds)
    }

    /// The instant `duration` before `instant`.
    public static func - (instant: RTCInstant, duration: Duration) -> RTCInstant {
        RTCInstant(nanoseconds: instant.nanoseconds &- duration.rtcNanoseconds)
    }

    /// The signed distance from `rhs` to `lhs`.
    public static func - (lhs: RTCInstant, rhs: RTCInstant) -> Duration {
        .nanoseconds(lhs.nanoseconds &- rhs.nanoseconds)
    }

    /// Moves this instant forward by `duration`.
    public static func += (instant: inout RTCInstant, duration: Duration) {
        instant = instant + duration
    }

    /// The instant printed as seconds with millisecond precision, handy in test failures.
    public var description: String {
        let ms = nanoseconds / 1_000_000
        let sign = ms < 0 ? "-" : ""
        let absMs = ms.magnitude
        let frac = String(absMs % 1000)
        return "\(sign)\(absMs / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)s"
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number (for SQL intervals and wall-clock times).
    package var rtcSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration as whole nanoseconds, saturating rather than trapping on overflow.
    package var rtcNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled &+ attoseconds / 1_000_000_000
    }

    /// Multiplies a duration by a floating-point factor, rounding to nanoseconds.
    package func scaled(by factor: Double) -> Duration {
        .nanoseconds(Int64((Double(rtcNanoseconds) * factor).rounded()))
    }
}
