/// A coarse grade of a peer link for the user interface, from its round-trip time.
public enum ConnectionQuality: String, Hashable, Sendable, CaseIterable {
    /// RTT under 20 ms: tight ensemble playing works.
    case excellent
    /// RTT under 50 ms.
    case good
    /// RTT under 100 ms.
    case fair
    /// RTT under 200 ms.
    case poor
    /// RTT of 200 ms or more.
    case bad

    /// The grade of a round-trip time in microseconds.
    public init(rtt: Int64) {
        switch rtt {
        case ..<20_000: self = .excellent
        case ..<50_000: self = .good
        case ..<100_000: self = .fair
        case ..<200_000: self = .poor
        default: self = .bad
        }
    }
}
