import SCTP
import Testing
import RTCBase

/// RFC 6525 stream reset (data channel close, RFC 8831 §6.7) and association shutdown.
@Suite(.timeLimit(.minutes(1))) struct StreamResetAndCloseTests {
    @Test func outgoingResetReachesThePeer() throws {
        let pair = try AssociationPair()
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        try pair.a.send([1, 2, 3], stream: 1, ppid: 51, ordered: true, reliability: .reliable, now: pair.now)
        try pair.a.send([4], stream: 3, ppid: 51, ordered: true, reliability: .reliable, now: pair.now)
        try pair.a.resetStreams([1, 3], now: pair.now)
        // usrsctp may report the streams of one request in one event or in several.
        #expect(pair.run { incoming(pair.eventsB) == [1, 3] && outgoing(pair.eventsA) == [1, 3] })
        // Data sent before the reset arrives before it.
        let resetIndex = try #require(pair.eventsB.firstIndex { if case .incomingStreamsReset = $0 { true } else { false } })
        #expect(pair.eventsB[..<resetIndex].filter { if case .message = $0 { true } else { false } }.count == 2)
        // B answers by resetting its side too, as a data channel close does.
        try pair.b.resetStreams([1, 3], now: pair.now)
        #expect(pair.run { incoming(pair.eventsA) == [1, 3] && outgoing(pair.eventsB) == [1, 3] })
        // The streams can be used again afterwards (new channel on the same id).
        try pair.a.send([5], stream: 1, ppid: 51, ordered: true, reliability: .reliable, now: pair.now)
        #expect(pair.run { pair.messagesAtB.contains { $0.data == [5] } })
    }

    private func incoming(_ events: [SCTPEvent]) -> Set<UInt16> {
        Set(events.flatMap { event -> [UInt16] in if case .incomingStreamsReset(let streams) = event { streams } else { [] } })
    }

    private func outgoing(_ events: [SCTPEvent]) -> Set<UInt16> {
        Set(events.flatMap { event -> [UInt16] in if case .outgoingStreamsReset(let streams) = event { streams } else { [] } })
    }

    @Test func closeReachesClosedOnBothSides() throws {
        let pair = try AssociationPair()
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        try pair.a.send([UInt8](repeating: 1, count: 50_000), stream: 0, ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
        pair.a.close(now: pair.now)
        pair.a.close(now: pair.now)
        #expect(throws: SCTPError.closed) {
            try pair.a.send([1], stream: 0, ppid: 53, ordered: true, reliability: .reliable, now: pair.now)
        }
        #expect(pair.run { pair.a.state == .closed && pair.b.state == .closed })
        // Queued data went out before the SHUTDOWN (RFC 9260 §9.2).
        #expect(pair.messagesAtB.count == 1)
        #expect(pair.eventsA.filter { $0 == .closed }.count == 1)
        #expect(pair.eventsB.last == .closed)
        #expect(pair.a.pollTimeout() == nil && pair.b.pollTimeout() == nil)
    }

    @Test func closeOnASilentPeerAbortsAfterTheBound() throws {
        let pair = try AssociationPair(configuration: .init(shutdownTimeout: .seconds(1)))
        #expect(pair.run { pair.a.state == .connected && pair.b.state == .connected })
        pair.a.close(now: pair.now)
        for _ in 0..<150 where pair.a.state != .closed {
            _ = pair.a.pollTransmit()  // the peer never hears anything
            pair.now += .milliseconds(10)
            pair.a.handleTimeout(now: pair.now)
            pair.collect()
        }
        #expect(pair.a.state == .closed)
        #expect(pair.eventsA.last == .closed)
        // The ABORT it sent closes the peer too.
        var abort: [UInt8]?
        while let packet = pair.a.pollTransmit() { abort = packet }
        let packet = try #require(abort)
        pair.b.handle(packet: packet, now: pair.now)
        pair.collect()
        #expect(pair.b.state == .closed)
    }

    @Test func closeBeforeConnectIsImmediate() throws {
        let association = try SCTPAssociation()
        association.close(now: .zero)
        #expect(association.state == .closed)
        #expect(association.pollEvent() == .closed)
        #expect(association.pollEvent() == nil)
        #expect(association.pollTimeout() == nil)
    }
}
