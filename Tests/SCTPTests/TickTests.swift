import RTCBase
import SCTP
import Testing

/// How often an association asks to be ticked: every `timerInterval` while usrsctp may have a
/// timer running, every `idleTimerInterval` once idle.
@Suite(.timeLimit(.minutes(1))) struct TickTests {
    @Test func anIdleAssociationTicksSlowlyAndTrafficBringsTheFastTickBack() throws {
        let pair = try AssociationPair()
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        let fast = try #require(pair.a.pollTimeout())
        #expect(fast <= pair.now + .milliseconds(10))
        // Nothing in or out for longer than the idle interval.
        for _ in 0..<150 {
            pair.tick(.milliseconds(10))
            pair.exchange()
        }
        let idle = try #require(pair.a.pollTimeout())
        #expect(idle >= pair.now + .milliseconds(500))
        #expect(idle <= pair.now + .seconds(1))
        // A send may start a retransmission timer: the fast tick is back at once.
        try pair.a.send([1, 2, 3], stream: 0, ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
        let busy = try #require(pair.a.pollTimeout())
        #expect(busy <= pair.now + .milliseconds(10))
        #expect(pair.run { pair.messagesAtB.count == 1 })
    }
}
