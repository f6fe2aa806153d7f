@testable import SignalingServer
import Testing

/// The NOTIFY sender's pacing on a virtual clock: a statement longer than the interval lets the
/// next start at once and a short one waits out the rest of the interval.
@Suite struct NotifyPacerTests {
    let start = ContinuousClock.now

    func at(_ milliseconds: Double) -> ContinuousClock.Instant {
        start + .microseconds(Int(milliseconds * 1000))
    }

    @Test func waitsOnlyForWhatIsLeftOfTheInterval() {
        var pacer = NotifyPacer(interval: .milliseconds(1))
        #expect(pacer.delay(at: at(0)) == .zero)  // nothing sent yet
        pacer.started(at: at(0))
        #expect(pacer.delay(at: at(0.3)) == .microseconds(700))
        #expect(pacer.delay(at: at(1)) == .zero)
        // A statement slower than the interval: the next one starts as soon as it ends.
        pacer.started(at: at(1))
        #expect(pacer.delay(at: at(3.5)) == .zero)
        // Idle for a while, then a statement: no wait before it.
        #expect(pacer.delay(at: at(50)) == .zero)
    }

    @Test func aZeroIntervalNeverWaits() {
        var pacer = NotifyPacer(interval: .zero)
        pacer.started(at: at(0))
        #expect(pacer.delay(at: at(0)) == .zero)
        #expect(pacer.delay(at: at(0.2)) == .zero)
    }
}
