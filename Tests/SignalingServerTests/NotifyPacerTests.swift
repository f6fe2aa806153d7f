@testable import SignalingServer
import Testing

/// The NOTIFY sender's pacing on a virtual clock: between starts, a statement longer than the
/// interval lets the next start at once and a short one waits out the rest of the interval;
/// after ends (as before session 11), the interval always follows the statement.
@Suite struct NotifyPacerTests {
    let start = ContinuousClock.now

    func at(_ milliseconds: Double) -> ContinuousClock.Instant {
        start + .microseconds(Int(milliseconds * 1000))
    }

    @Test func betweenStartsWaitsOnlyForWhatIsLeftOfTheInterval() {
        var pacer = NotifyPacer(.betweenStarts(.milliseconds(1)))
        #expect(pacer.delay(at: at(0)) == .zero)  // nothing sent yet
        pacer.started(at: at(0))
        pacer.ended(at: at(0.3))
        #expect(pacer.delay(at: at(0.3)) == .microseconds(700))
        #expect(pacer.delay(at: at(1)) == .zero)
        // A statement slower than the interval: the next one starts as soon as it ends.
        pacer.started(at: at(1))
        pacer.ended(at: at(3.5))
        #expect(pacer.delay(at: at(3.5)) == .zero)
        // Idle for a while, then a statement: no wait before it.
        #expect(pacer.delay(at: at(50)) == .zero)
    }

    @Test func afterEndAddsTheIntervalToEveryStatement() {
        var pacer = NotifyPacer(.afterEnd(.milliseconds(1)))
        #expect(pacer.delay(at: at(0)) == .zero)
        pacer.started(at: at(0))
        pacer.ended(at: at(2.5))
        #expect(pacer.delay(at: at(2.5)) == .milliseconds(1))
        #expect(pacer.delay(at: at(3)) == .microseconds(500))
        #expect(pacer.delay(at: at(3.5)) == .zero)
    }

    @Test func aZeroIntervalNeverWaits() {
        for mode in [NotifyPacer.Mode.betweenStarts(.zero), .afterEnd(.zero)] {
            var pacer = NotifyPacer(mode)
            pacer.started(at: at(0))
            pacer.ended(at: at(0.2))
            #expect(pacer.delay(at: at(0.2)) == .zero, "\(mode)")
        }
    }
}
