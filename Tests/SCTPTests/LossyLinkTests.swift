import RTCTestSupport
import SCTP
import Testing
import RTCBase

/// 10 % loss, duplication and reordering: reliable streams deliver everything in order, partially
/// reliable ones drop but never corrupt (RFC 3758).
///
/// Recovery by T3-rtx waits an RTO of real time (usrsctp's timers run on the real clock): small RTO
/// bounds keep those waits (polling bounded by count, no sleep) short.
@Suite(.timeLimit(.minutes(1))) struct LossyLinkTests {
    private static let configuration = SCTPConfiguration(
        rtoInitial: .milliseconds(50), rtoMin: .milliseconds(10), rtoMax: .milliseconds(100)
    )

    @Test(arguments: [UInt64(7), 42])
    func reliableOrderedDeliversEverythingInOrder(seed: UInt64) throws {
        let pair = try AssociationPair(configuration: Self.configuration, seed: seed)
        pair.loss = 0.1
        pair.duplication = 0.1
        pair.reordering = 0.1
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        let count = 150
        var sizes = SeededRandom(seed: seed &+ 1)
        for sequence in 0..<count {
            let size = 8 + Int(sizes.next() % 4000)
            try pair.a.send(SelfCheckingMessage.make(sequence: UInt32(sequence), size: size), stream: 1, ppid: 53,
                            ordered: true, reliability: .reliable, now: pair.now)
        }
        #expect(pair.run(maxIterations: 20_000_000) { pair.messagesAtB.count == count || pair.a.state != .connected })
        let sequences = pair.messagesAtB.map { SelfCheckingMessage.check($0.data) }
        #expect(sequences == (0..<count).map { UInt32($0) })
    }

    @Test(arguments: [UInt64(3), 99])
    func unorderedWithoutRetransmissionsDropsButNeverCorrupts(seed: UInt64) throws {
        let pair = try AssociationPair(configuration: Self.configuration, seed: seed)
        pair.loss = 0.1
        pair.duplication = 0.1
        pair.reordering = 0.1
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        let count = 300
        var sizes = SeededRandom(seed: seed &+ 1)
        for sequence in 0..<count {
            let size = 8 + Int(sizes.next() % 2500)  // some span two or three packets
            try pair.a.send(SelfCheckingMessage.make(sequence: UInt32(sequence), size: size), stream: 2, ppid: 53,
                            ordered: false, reliability: .maxRetransmits(0), now: pair.now)
        }
        // A marker on a reliable stream tells when the unordered traffic has settled.
        try pair.a.send(SelfCheckingMessage.make(sequence: 9999, size: 16), stream: 1, ppid: 53,
                        ordered: true, reliability: .reliable, now: pair.now)
        #expect(pair.run(maxIterations: 20_000_000) { pair.messagesAtB.contains { $0.stream == 1 } || pair.a.state != .connected })
        for _ in 0..<200 { pair.exchange() }
        let unordered = pair.messagesAtB.filter { $0.stream == 2 }
        let sequences = unordered.map { SelfCheckingMessage.check($0.data) }
        #expect(!sequences.contains(nil), "a message arrived corrupted")
        #expect(Set(sequences).count == sequences.count, "a message arrived twice")
        #expect(unordered.count < count, "10 % loss without retransmissions must lose something")
        // PR-SCTP abandons a message at its first retransmission (RFC 3758 §3.4 with RTX 0): a T3
        // expiry or a fast retransmit abandons everything then in flight, so far more than 10 % go
        // (how many depends on timer firings, which other tests' clocks also drive).
        #expect(!unordered.isEmpty)
    }
}
