import ICE
import RTCTestSupport
import RTCBase
import Testing

/// Data before the nomination (RFC 8445 §12.1: "An ICE agent MAY send data on any valid pair
/// before selected pairs have been produced"), as a DTLS handshake uses it: the answerer's
/// ClientHello leaves on its first valid pair while the offer's side still waits for the answer,
/// and the reply waits in the offerer's agent until a pair of its own is valid.
@Suite struct EarlyDataTests {
    @Test func theFirstValidPairCarriesDataAndAReplyWaitsForOne() throws {
        let sim = Fixtures.simulation(seed: 61)
        sim.start(exchangeCredentials: false)
        // The answerer has the offer; the offerer does not have the answer yet.
        sim.agents[1].setRemoteCredentials(sim.agents[0].localCredentials, now: sim.now)
        sim.drain()
        #expect(sim.progress(until: { $0.agents[1].canSendData }, timeout: .seconds(2)))
        #expect(sim.agents[1].selectedPair == nil, "valid, not nominated: the offerer cannot nominate yet")
        #expect(sim.agents[0].remoteCredentials == nil)

        try sim.send([0x16, 1], from: 1)
        #expect(sim.agents[1].stats.sentBeforeSelection == 1)
        #expect(sim.progress(until: { $0.received[0].contains([0x16, 1]) }, timeout: .seconds(1)),
                "accepted from the address that checked the offerer")

        // The offerer answers at once, but no pair of its own is valid: its reply waits.
        #expect(!sim.agents[0].canSendData)
        #expect(sim.agents[0].connectionState == .checking)
        try sim.send([0x16, 2], from: 0)
        #expect(sim.agents[0].stats.heldBeforeValidPair == 1 && sim.agents[0].datagramsHeld == 1)
        sim.progress(for: .milliseconds(100))
        #expect(!sim.received[1].contains([0x16, 2]), "nothing leaves before a pair is valid")

        // The answer arrives: the offerer's check succeeds, the reply leaves on that pair, and the
        // nomination follows as usual.
        sim.agents[0].setRemoteCredentials(sim.agents[1].localCredentials, now: sim.now)
        sim.drain()
        #expect(sim.progress(until: { $0.received[1].contains([0x16, 2]) }, timeout: .seconds(2)))
        #expect(sim.agents[0].datagramsHeld == 0)
        #expect(sim.progress(until: { $0.bothConnected && $0.selectedPairsMatch }, timeout: .seconds(5)))
        #expect(sim.exchangeData(count: 3, tag: 0x30) == (3, 3))
        #expect(sim.agents[0].stats.droppedWhileMoving == 0 && sim.agents[0].stats.heldWhileMoving == 0)
    }

    @Test func withoutAnyPairLeftSendingFails() throws {
        var agent = ICEAgent(configuration: Fixtures.configuration([Fixtures.hostA]), role: .controlled,
                             random: SeededRandom(seed: 62))
        #expect(!agent.canSendData)
        #expect(throws: ICEError.notConnected) { try agent.send([1], now: .zero) }
        agent.close(now: .zero)
        #expect(throws: ICEError.closed) { try agent.send([1], now: .zero) }
    }
}
