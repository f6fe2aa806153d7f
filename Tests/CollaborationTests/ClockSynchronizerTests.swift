import Testing

@testable import Collaboration

@Suite("ClockSynchronizer", .timeLimit(.minutes(1)))
struct ClockSynchronizerTests {
    /// Runs one exchange: the remote clock is `remoteOffset` ahead; `forward`/`backward` are the
    /// one-way delays and `hold` the remote's processing time (µs).
    static func exchange(
        _ sync: inout ClockSynchronizer, at now: Int64, remoteOffset: Int64,
        forward: Int64, backward: Int64, hold: Int64 = 100
    ) -> ClockSample? {
        guard let ping = sync.pollPing(now: now) else { return nil }
        let t1 = now + forward + remoteOffset
        let pong = ClockSynchronizer.answer(ping, receivedAt: t1, now: t1 + hold)!
        return sync.handlePong(pong, now: now + forward + hold + backward)
    }

    @Test("symmetric delays give the exact offset and RTT")
    func symmetric() throws {
        var sync = ClockSynchronizer()
        let sample = Self.exchange(&sync, at: 1_000_000, remoteOffset: 250_000, forward: 15_000, backward: 15_000)
        #expect(sample?.offset == 250_000)
        #expect(sample?.rtt == 30_000)
        #expect(sync.offset == 250_000)
        #expect(sync.quality == .good)
        #expect(sync.localTime(fromRemote: 1_250_000) == 1_000_000)
    }

    @Test("asymmetry biases the offset by half the difference, as NTP does")
    func asymmetric() {
        var sync = ClockSynchronizer()
        let sample = Self.exchange(&sync, at: 0, remoteOffset: -40_000, forward: 30_000, backward: 10_000)
        #expect(sample?.offset == -40_000 + 10_000)
        #expect(sample?.rtt == 40_000)
    }

    @Test("queueing outliers do not move the filtered offset; RTT is the median, jitter the mean change")
    func outliers() {
        var sync = ClockSynchronizer(interval: 1_000_000)
        let delays: [(Int64, Int64)] = [(5_000, 5_000), (5_000, 80_000), (6_000, 6_000), (90_000, 5_000),
                                        (5_000, 5_000), (5_000, 200_000), (5_500, 5_500), (5_000, 5_000)]
        for (i, delay) in delays.enumerated() {
            _ = Self.exchange(&sync, at: Int64(i) * 1_000_000, remoteOffset: 7_000, forward: delay.0, backward: delay.1)
        }
        #expect(sync.window.count == 8)
        #expect(sync.offset == 7_000)
        #expect(sync.rtt == 11_000)
        #expect(sync.minimumRTT == 10_000)
        #expect(sync.quality == .excellent)
        // RTTs 10, 85, 12, 95, 10, 205, 11, 10 ms: mean |change| = (75+73+83+85+195+194+1)/7 ms.
        let expectedJitter: Int64 = (75_000 + 73_000 + 83_000 + 85_000 + 195_000 + 194_000 + 1_000) / 7
        #expect(sync.jitter == expectedJitter, "\(String(describing: sync.jitter)) \(sync.window.map(\.rtt))")
    }

    @Test("the window keeps the last 8 samples and follows a lasting change")
    func window() {
        var sync = ClockSynchronizer()
        for i in 0..<8 { _ = Self.exchange(&sync, at: Int64(i) * 1_000_000, remoteOffset: 0, forward: 5_000, backward: 5_000) }
        #expect(sync.rtt == 10_000)
        for i in 8..<16 { _ = Self.exchange(&sync, at: Int64(i) * 1_000_000, remoteOffset: 3_000, forward: 60_000, backward: 60_000) }
        #expect(sync.rtt == 120_000)
        #expect(sync.offset == 3_000)
        #expect(sync.quality == .poor)
    }

    @Test("pings are paced; unknown, forged and inconsistent pongs are refused; lost pings counted")
    func pacingAndValidation() {
        var sync = ClockSynchronizer(interval: 1_000_000, firstID: 10)
        #expect(sync.pollPing(now: 0) == .ping(id: 10, t0: 0))
        #expect(sync.pollPing(now: 999_999) == nil)
        #expect(sync.pollTimeout() == 1_000_000)
        #expect(sync.pollPing(now: 1_000_000) == .ping(id: 11, t0: 1_000_000))
        #expect(sync.handlePong(.pong(id: 99, t0: 0, t1: 0, t2: 0), now: 5) == nil)
        #expect(sync.handlePong(.pong(id: 11, t0: 5, t1: 0, t2: 0), now: 5) == nil)  // t0 forged
        #expect(sync.rejectedPongs == 2)
        // Pong for 11 answers; 10 is then known lost.
        #expect(sync.handlePong(.pong(id: 11, t0: 1_000_000, t1: 10, t2: 20), now: 1_000_100) != nil)
        #expect(sync.lostPings == 1)
        _ = sync.pollPing(now: 2_000_000)
        // t2 before t1: inconsistent.
        #expect(sync.handlePong(.pong(id: 12, t0: 2_000_000, t1: 50, t2: 40), now: 2_000_100) == nil)
        #expect(ClockSample(t0: 0, t1: 0, t2: 100, t3: 50) == nil)  // hold longer than the round trip
        #expect(ClockSample(t0: .min, t1: .max, t2: .max, t3: .max) == nil)
    }

    @Test("quality thresholds", arguments: [
        (Int64(19_999), ConnectionQuality.excellent), (20_000, .good), (49_999, .good), (50_000, .fair),
        (99_999, .fair), (100_000, .poor), (199_999, .poor), (200_000, .bad),
    ])
    func quality(rtt: Int64, expected: ConnectionQuality) {
        #expect(ConnectionQuality(rtt: rtt) == expected)
    }
}
