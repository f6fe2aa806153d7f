import DTLS
import RTCTestSupport
import RTCBase
import Testing

/// The handshake over a lossy, duplicating, reordering link, timed only by the virtual clock.
@Suite(.timeLimit(.minutes(1))) struct LossyHandshakeTests {
    static let conditions = DTLSLink.Conditions(loss: 0.25, duplication: 0.1, reordering: 0.2)

    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func completesUnderLoss(seed: UInt64) throws {
        let link = try DTLSLink.make(conditions: Self.conditions, seed: seed)
        link.start()
        #expect(link.progress { link.bothConnected || link.client.state == .failed || link.server.state == .failed })
        #expect(link.bothConnected, "seed \(seed): \(link.clientEvents) / \(link.serverEvents)")
        // Bounded: within the 30 s handshake budget, a handful of timer expiries per side.
        #expect(link.clock.now < .zero + .seconds(30))
        #expect(link.timeoutCalls <= 16, "seed \(seed): \(link.timeoutCalls) timeouts")
        // And data still flows over the same bad link (records are not retransmitted by DTLS,
        // so send a few and expect most).
        for index in 0..<20 { try link.client.send([UInt8(index)], now: link.clock.now) }
        link.progress { false }
        #expect(link.serverEvents.applicationData.count >= 5)
    }

    @Test func sameSeedSameRun() throws {
        func run() throws -> (RTCInstant, Int, Int) {
            let link = try DTLSLink.make(conditions: Self.conditions, seed: 7)
            link.start()
            link.progress { link.bothConnected }
            return (link.clock.now, link.timeoutCalls, link.datagramsSent)
        }
        let first = try run()
        let second = try run()
        #expect(first == second)
    }

    @Test func lostFinalFlightIsRecovered() throws {
        // Drop everything the server sends after the handshake is done on its side: the client
        // must retransmit its last flight and the server must answer it with its own.
        let link = try DTLSLink.make(conditions: .init(loss: 0.5), seed: 3)
        link.start()
        #expect(link.progress { link.bothConnected })
        #expect(link.client.retransmissionCount + link.server.retransmissionCount > 0)
    }
}
