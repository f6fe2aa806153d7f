/// One NTP-style measurement from a ping/pong exchange (RFC 5905 §8), in microseconds.
public struct ClockSample: Hashable, Sendable {
    /// Remote clock minus local clock: `((t1 − t0) + (t2 − t3)) / 2`.
    public let offset: Int64
    /// Round-trip network delay without the remote's hold time: `(t3 − t0) − (t2 − t1)`.
    public let rtt: Int64
    /// Local time the pong arrived (`t3`).
    public let receivedAt: Int64

    /// Computes a sample from the four timestamps: `t0` ping sent (local), `t1` ping received
    /// (remote), `t2` pong sent (remote), `t3` pong received (local). `nil` when they are
    /// inconsistent: `t3 < t0`, `t2 < t1`, a negative RTT, or a value that overflows.
    public init?(t0: Int64, t1: Int64, t2: Int64, t3: Int64) {
        let (roundTrip, o1) = t3.subtractingReportingOverflow(t0)
        let (hold, o2) = t2.subtractingReportingOverflow(t1)
        guard !o1, !o2, roundTrip >= 0, hold >= 0, hold <= roundTrip else { return nil }
        let (forward, o3) = t1.subtractingReportingOverflow(t0)
        let (backward, o4) = t2.subtractingReportingOverflow(t3)
        guard !o3, !o4 else { return nil }
        // Halve each before adding so the sum cannot overflow.
        offset = forward / 2 + backward / 2 + (forward % 2 + backward % 2) / 2
        rtt = roundTrip - hold
        receivedAt = t3
    }
}
