import ICE
import RTCTestSupport
import Testing
import STUN
import RTCBase

/// RFC 7675: consent checks every ~5 s; silence means disconnected, then failed at 30 s.
@Suite struct ConsentTests {
    @Test func consentLossDisconnectsThenFails() throws {
        let sim = Fixtures.simulation(seed: 61)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        // A healthy minute: consent checks flow and nothing changes.
        sim.progress(for: .seconds(60))
        #expect(sim.bothConnected)
        let consentChecks = sim.agents[0].stats.consentChecksSent
        #expect((9...16).contains(consentChecks), "about one check per 5 s (0.8-1.2), got \(consentChecks)")

        // The path dies.
        let cut = sim.now
        sim.network.blackholed = [Fixtures.hostB.ip]
        #expect(sim.progress(until: { $0.agents[0].connectionState == .disconnected }, timeout: .seconds(20)))
        let disconnectedAfter = sim.now - cut
        #expect(disconnectedAfter >= .seconds(3) && disconnectedAfter <= .seconds(9),
                "disconnected after \(disconnectedAfter)")
        #expect(sim.progress(until: { $0.agents[0].connectionState == .failed }, timeout: .seconds(40)))
        let failedAfter = sim.now - cut
        #expect(failedAfter >= .seconds(24) && failedAfter <= .seconds(31), "failed after \(failedAfter)")
        #expect(throws: ICEError.notConnected) { try sim.agents[0].send([1], now: sim.now) }
        #expect(sim.connectionStates(of: 0).suffix(2) == [.disconnected, .failed])
    }

    @Test func briefOutageRecovers() {
        let sim = Fixtures.simulation(seed: 62)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        sim.network.blackholed = [Fixtures.hostB.ip]
        #expect(sim.progress(until: { $0.agents[0].connectionState == .disconnected }, timeout: .seconds(20)))
        sim.network.blackholed = []
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
        #expect(sim.exchangeData() == (5, 5))
    }
}
