import RTCTestSupport
import SCTP
import Testing
import RTCBase

/// Establishment and whole-message transfer over a clean link.
@Suite(.timeLimit(.minutes(1))) struct ConnectAndTransferTests {
    @Test func simultaneousOpenConnectsBothSides() throws {
        let pair = try AssociationPair()
        #expect(pair.a.state == .connecting)
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        #expect(pair.eventsA.first == .connected)
        #expect(pair.eventsB.first == .connected)
        #expect(pair.a.outboundStreams == 1024)
        #expect(pair.b.inboundStreams == 1024)
        #expect(pair.largestPacket <= 1200)
    }

    @Test func packetsBeforeConnectAreHeldAndReplayed() throws {
        let pair = try AssociationPair(connect: false)
        pair.a.connect(now: pair.now)
        // A's INIT reaches B before B connects: held, not answered with ABORT.
        pair.exchange()
        #expect(pair.b.state == .new)
        pair.b.connect(now: pair.now)
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
    }

    @Test func messagesOfAllSizesArriveIntactAndInOrder() throws {
        let pair = try AssociationPair()
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        let sizes = [1, 1024, 16_384, 65_535, 262_144]
        var sent: [UInt64] = []
        for (index, size) in sizes.enumerated() {
            var payload = [UInt8](repeating: 0, count: size)
            for offset in payload.indices { payload[offset] = UInt8(truncatingIfNeeded: offset &* 131 &+ index) }
            sent.append(fnv1a(payload))
            try pair.a.send(payload, stream: 3, ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
        }
        #expect(pair.run { pair.messagesAtB.count == sizes.count })
        let received = pair.messagesAtB
        #expect(received.map(\.data.count) == sizes)
        #expect(received.map { fnv1a($0.data) } == sent)
        #expect(received.allSatisfy { $0.stream == 3 && $0.ppid == 53 })
        #expect(pair.largestPacket <= 1200)
    }

    @Test func ppidAndStreamSurviveBothDirections() throws {
        let pair = try AssociationPair()
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        try pair.b.send([9, 8, 7], stream: 1023, ppid: 0x0102_0304, ordered: false, reliability: .maxRetransmits(3), now: pair.now)
        try pair.b.send([1], stream: 0, ppid: 51, ordered: true, reliability: .maxPacketLifeTime(milliseconds: 500), now: pair.now)
        #expect(pair.run { pair.eventsA.filter { if case .message = $0 { true } else { false } }.count == 2 })
        let messages = pair.eventsA.compactMap { if case .message(let s, let p, let d) = $0 { (s, p, d) } else { nil } }
        #expect(messages.contains { $0 == (1023, 0x0102_0304, [9, 8, 7]) })
        #expect(messages.contains { $0 == (0, 51, [1]) })
    }

    @Test func bufferedAmountRisesAndDrains() throws {
        let pair = try AssociationPair()
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        pair.a.bufferedAmountLowThreshold = 1000
        for sequence in 0..<8 {
            try pair.a.send(SelfCheckingMessage.make(sequence: UInt32(sequence), size: 16_384), stream: 1, ppid: 53,
                            ordered: true, reliability: .reliable, now: pair.now)
        }
        #expect(pair.a.bufferedAmount >= 8 * 16_384)
        #expect(pair.run { pair.eventsA.contains(.bufferedAmountLow) })
        #expect(pair.a.bufferedAmount <= 1000)
        #expect(pair.messagesAtB.count == 8)
    }

    @Test func fullSendBufferIsReportedNotQueued() throws {
        let pair = try AssociationPair()
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        let message = [UInt8](repeating: 7, count: 65_535)
        var accepted = 0
        var refusal: SCTPError?
        for _ in 0..<64 {
            do throws(SCTPError) {
                try pair.a.send(message, stream: 0, ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
                accepted += 1
            } catch {
                refusal = error
                break
            }
        }
        #expect(refusal == .sendBufferFull)
        #expect(accepted >= 10 && accepted <= 16)
        #expect(pair.run { pair.messagesAtB.count == accepted })
        try pair.a.send(message, stream: 0, ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
    }
}
