import DequeModule
/// Per-peer clock synchronisation over the control channel's ping/pong (sans-IO, NTP-style).
///
/// Pinging side: call `pollPing(now:)` (it returns a ping when one is due, every `interval`) and
/// send it; pass each pong to `handlePong(_:now:)`. Call again at `pollTimeout()`. Answering side:
/// `ClockSynchronizer.answer(_:receivedAt:now:)` builds the pong.
///
/// Filter: the last `windowSize` (8) valid samples are kept. `offset` is the offset of the sample
/// with the smallest RTT in that window (NTP's clock filter: the error of an offset is bounded by
/// half its RTT, so the fastest exchange is the most trustworthy and queueing outliers are
/// ignored). `rtt` is the median RTT of the window (robust to a lone spike, follows a lasting
/// change within 4 pings), `jitter` the mean absolute difference between consecutive RTTs.
/// All times are microseconds on the local monotonic clock.
public struct ClockSynchronizer: Sendable {
    /// Samples kept for filtering.
    public static let windowSize = 8
    /// Pings in flight kept for matching pongs; older ones are forgotten (lost).
    public static let maximumOutstanding = 8

    /// Time between pings, microseconds (1 s by default).
    public let interval: Int64
    /// Pings that got no pong before being forgotten.
    public private(set) var lostPings = 0
    /// Pongs refused: unknown id, mismatched `t0`, or inconsistent timestamps.
    public private(set) var rejectedPongs = 0

    private var samples: Deque<ClockSample> = []
    private var outstanding: Deque<(id: UInt32, t0: Int64)> = []
    private var nextID: UInt32
    private var nextPingAt: Int64?

    /// Creates a synchroniser; `firstID` numbers the first ping (randomise it per peer).
    public init(interval: Int64 = 1_000_000, firstID: UInt32 = 0) {
        self.interval = max(1, interval)
        self.nextID = firstID
    }

    /// A ping to send now, if one is due (the first is due at once).
    public mutating func pollPing(now: Int64) -> ControlMessage? {
        if let due = nextPingAt, now < due { return nil }
        nextPingAt = now.addingSaturating(interval)
        let id = nextID
        nextID &+= 1
        if outstanding.count == Self.maximumOutstanding {
            outstanding.removeFirst()
            lostPings += 1
        }
        outstanding.append((id, now))
        return .ping(id: id, t0: now)
    }

    /// When the next ping is due.
    public func pollTimeout() -> Int64? { nextPingAt }

    /// Takes a pong received at `now` (`t3`). Returns the new sample, or `nil` when refused
    /// (not a pong, unknown id, `t0` not the one sent, inconsistent timestamps).
    @discardableResult
    public mutating func handlePong(_ message: ControlMessage, now: Int64) -> ClockSample? {
        guard case .pong(let id, let t0, let t1, let t2) = message,
              let index = outstanding.firstIndex(where: { $0.id == id }),
              outstanding[index].t0 == t0
        else {
            rejectedPongs += 1
            return nil
        }
        // Pings sent before this one and still unanswered will not be answered on an ordered channel.
        lostPings += index
        outstanding.removeFirst(index + 1)
        guard let sample = ClockSample(t0: t0, t1: t1, t2: t2, t3: now) else {
            rejectedPongs += 1
            return nil
        }
        add(sample)
        return sample
    }

    /// Adds a measurement directly (tests, or samples computed elsewhere).
    public mutating func add(_ sample: ClockSample) {
        if samples.count == Self.windowSize { samples.removeFirst() }
        samples.append(sample)
    }

    /// The pong answering `ping`, received at `receivedAt` (`t1`) and sent at `now` (`t2`), both
    /// on the answering side's clock. `nil` if `ping` is not a ping.
    public static func answer(_ ping: ControlMessage, receivedAt: Int64, now: Int64) -> ControlMessage? {
        guard case .ping(let id, let t0) = ping else { return nil }
        return .pong(id: id, t0: t0, t1: receivedAt, t2: max(now, receivedAt))
    }

    /// The samples in the filter window, oldest first.
    public var window: [ClockSample] { Array(samples) }

    /// Remote clock minus local clock (the min-RTT sample's offset), or `nil` before any sample.
    /// A remote timestamp `r` is local time `r − offset`.
    public var offset: Int64? { samples.min { $0.rtt < $1.rtt }?.offset }

    /// The median round-trip time of the window (lower median for an even count).
    public var rtt: Int64? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.map(\.rtt).sorted()
        return sorted[(sorted.count - 1) / 2]
    }

    /// The smallest round-trip time of the window.
    public var minimumRTT: Int64? { samples.map(\.rtt).min() }

    /// Mean absolute difference between consecutive RTTs of the window; 0 with one sample.
    public var jitter: Int64? {
        guard !samples.isEmpty else { return nil }
        guard samples.count > 1 else { return 0 }
        var total: Int64 = 0
        for index in 1..<samples.count {
            // RTTs are non-negative, so their difference cannot overflow.
            total = total.addingSaturating(abs(samples[index].rtt - samples[index - 1].rtt))
        }
        return total / Int64(samples.count - 1)
    }

    /// The grade of the median RTT, or `nil` before any sample.
    public var quality: ConnectionQuality? { rtt.map(ConnectionQuality.init(rtt:)) }

    /// Converts a timestamp on the remote's clock to the local clock, once synchronised.
    public func localTime(fromRemote remote: Int64) -> Int64? {
        offset.map { remote.subtractingSaturating($0) }
    }
}
