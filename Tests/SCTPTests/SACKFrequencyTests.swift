import RTCBase
import SCTP
import Testing

/// `SCTPConfiguration.sackFrequency` reaches usrsctp: a receiver that sends nothing itself
/// acknowledges every that many DATA packets, not every RFC 9260's two.
@Suite(.timeLimit(.minutes(1))) struct SACKFrequencyTests {
    /// How many DATA packets, delivered one at a time, B takes between two acknowledgements (the
    /// first DATA of an association is acknowledged at once); nil when the delayed-ack timer may
    /// have fired meanwhile (usrsctp's wheel is process-wide and runs on real time, so a stalled
    /// machine cannot tell the two causes apart).
    static func packetsBetweenSACKs(frequency: Int) throws -> Int? {
        var configuration = SCTPConfiguration()
        configuration.sackFrequency = frequency
        // Long enough that only a stall of the whole process reaches it.
        configuration.delayedAckTime = .milliseconds(400)
        let pair = try AssociationPair(configuration: configuration)
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        for _ in 0..<100 { guard pair.exchange() else { break } }  // the handshake's last packets
        let started = ContinuousClock.now
        var answers: [Int] = []
        for sent in 1...(2 * max(frequency, 2) + 2) where answers.count < 2 {
            try pair.a.send([UInt8](repeating: UInt8(sent), count: 100), stream: 0, ppid: 53, ordered: true,
                            reliability: .reliable, now: pair.now)
            while let packet = pair.a.pollTransmit() { pair.b.handle(packet: packet, now: pair.now) }
            var answered = false
            while let packet = pair.b.pollTransmit() {
                answered = true
                pair.a.handle(packet: packet, now: pair.now)
            }
            if answered { answers.append(sent) }
        }
        guard answers.count == 2, ContinuousClock.now - started < .milliseconds(200) else { return nil }
        return answers[1] - answers[0]
    }

    /// 0 is "below 1", which means 2 (``SCTPConfiguration/sackFrequency``).
    @Test(arguments: [0, 2, 4, 6]) func theReceiverAcknowledgesEveryFrequencyPackets(frequency: Int) throws {
        // Bounded retries: a run during which the machine stalled says nothing either way.
        var measured: Int?
        for _ in 0..<5 where measured == nil {
            measured = try Self.packetsBetweenSACKs(frequency: frequency)
        }
        let packets = try #require(measured, "five runs stalled past the delayed-ack time")
        #expect(packets == (frequency >= 1 ? frequency : 2))
    }
}
