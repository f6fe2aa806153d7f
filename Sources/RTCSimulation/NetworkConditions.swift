/// How a ``SimulatedNetwork`` impairs traffic.
public struct NetworkConditions: Hashable, Sendable {
    /// Probability that a datagram is dropped.
    public var loss: Double
    /// Fixed one-way delay.
    public var delay: Duration
    /// Extra uniform random delay in `0...jitter`.
    public var jitter: Duration
    /// Probability that a datagram is delivered twice.
    public var duplication: Double
    /// Probability that a datagram is held back by an extra `reorderDelay`, so later ones overtake it.
    public var reordering: Double
    /// The hold-back applied to reordered datagrams.
    public var reorderDelay: Duration

    /// A perfect network with `delay` one-way latency.
    public init(loss: Double = 0, delay: Duration = .milliseconds(10), jitter: Duration = .zero,
                duplication: Double = 0, reordering: Double = 0, reorderDelay: Duration = .milliseconds(30)) {
        self.loss = loss
        self.delay = delay
        self.jitter = jitter
        self.duplication = duplication
        self.reordering = reordering
        self.reorderDelay = reorderDelay
    }

    /// 10 ms, no loss.
    public static let perfect = NetworkConditions()
}
