import ICE
import RTCTestSupport
import STUN
import Testing

/// ICE restart (RFC 8445 §9): new credentials, new checks, and the old pair keeps data flowing
/// until the new one is nominated.
@Suite struct RestartTests {
    @Test func restartKeepsOldPairUntilNewNomination() throws {
        let sim = Fixtures.simulation(seed: 51)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        let oldPair = try #require(sim.agents[0].selectedPair)
        let oldCredentials = (sim.agents[0].localCredentials, sim.agents[1].localCredentials)

        // Both sides restart; signaling of the new credentials is slow.
        sim.agents[0].restart(now: sim.now)
        sim.agents[1].restart(now: sim.now)
        #expect(sim.agents[0].localCredentials != oldCredentials.0)
        #expect(sim.agents[1].localCredentials != oldCredentials.1)
        sim.signalingDelay = .milliseconds(500)
        sim.drain()
        sim.signal(.credentials(sim.agents[1].localCredentials), to: 0)
        sim.signal(.credentials(sim.agents[0].localCredentials), to: 1)

        // Before the new credentials land, the old pair still carries data both ways.
        sim.progress(for: .milliseconds(200))
        #expect(sim.agents[0].selectedPair?.id == oldPair.id)
        #expect(sim.exchangeData(count: 3, tag: 0xA1) == (3, 3))

        let changesBefore = sim.events[0].count { if case .selectedPairChanged = $0 { true } else { false } }
        #expect(sim.progress(until: { sim in
            sim.events[0].count { if case .selectedPairChanged = $0 { true } else { false } } > changesBefore
                && sim.agents[1].selectedPair?.generation == 1
        }, timeout: .seconds(10)))
        let newPair = try #require(sim.agents[0].selectedPair)
        #expect(newPair.generation == 1 && newPair.id != oldPair.id)
        #expect(sim.bothConnected)
        #expect(sim.exchangeData(count: 3, tag: 0xA2) == (3, 3))
        // Consent keeps working with the new credentials.
        sim.progress(for: .seconds(12))
        #expect(sim.bothConnected)
    }
}
