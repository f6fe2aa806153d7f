import STUN
import RTCBase
import Testing

/// RFC 8489 §6.2.1 retransmission schedule.
@Suite struct STUNTransactionTests {
    @Test func defaultScheduleMatchesRFC() {
        let start = RTCInstant.zero
        var transaction = STUNTransaction(request: [1, 2, 3], transactionID: TransactionID(high: 1, low: 2), now: start)
        var sends: [Int64] = []
        var now = start
        if transaction.pollTransmit() != nil { sends.append(0) }
        var steps = 0
        while let deadline = transaction.pollTimeout(), steps < 100 {
            steps += 1
            now = deadline
            transaction.handleTimeout(now: now)
            if transaction.pollTransmit() != nil { sends.append((now - start).rtcMilliseconds) }
        }
        #expect(sends == [0, 500, 1500, 3500, 7500, 15500, 31500])
        #expect(transaction.state == .timedOut)
        #expect((now - start).rtcMilliseconds == 39500)
        #expect(transaction.sendCount == 7)
    }

    @Test func completionStopsRetransmissions() {
        var transaction = STUNTransaction(request: [1], transactionID: TransactionID(high: 0, low: 0), now: .zero)
        #expect(transaction.pollTransmit() == [1])
        #expect(transaction.pollTransmit() == nil)
        transaction.handleTimeout(now: .zero + .milliseconds(100))
        #expect(transaction.pollTransmit() == nil, "not due yet")
        transaction.complete()
        transaction.handleTimeout(now: .zero + .seconds(10))
        #expect(transaction.pollTransmit() == nil)
        #expect(transaction.pollTimeout() == nil)
        #expect(transaction.state == .completed)
    }

    @Test func cappedRTO() {
        var transaction = STUNTransaction(request: [1], transactionID: TransactionID(high: 0, low: 0), now: .zero,
                                          rto: .milliseconds(100), maxRTO: .milliseconds(200), rc: 5, rm: 2)
        var deadlines: [Int64] = []
        while let deadline = transaction.pollTimeout(), deadlines.count < 20 {
            deadlines.append((deadline - .zero).rtcMilliseconds)
            transaction.handleTimeout(now: deadline)
        }
        #expect(deadlines == [100, 300, 500, 700, 900])
        #expect(transaction.state == .timedOut)
    }
}

extension Duration {
    var rtcMilliseconds: Int64 { rtcNanosecondsForTest / 1_000_000 }
    var rtcNanosecondsForTest: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
