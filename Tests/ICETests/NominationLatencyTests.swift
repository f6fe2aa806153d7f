import ICE
import RTCTestSupport
import STUN
import Testing

/// The controlling agent nominates as soon as its best pair is valid, even when that pair came from
/// a triggered check and nothing else would wake it before the nomination delay.
@Suite struct NominationLatencyTests {
    @Test func controllingNominatesPromptlyOnPeerReflexivePair() throws {
        // A (controlling) never receives B's candidates: B's check teaches A a peer-reflexive remote,
        // A's triggered check on it succeeds, and that success alone must lead to nomination.
        let sim = Fixtures.simulation(seed: 41)
        sim.autoSignal = false
        sim.start()
        for event in sim.events[0] {
            if case .localCandidate(let candidate) = event { sim.signal(.candidate(candidate), to: 1) }
        }
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        let a = try #require(sim.agents[0].selectedPair)
        #expect(a.remote.type == .peerReflexive)
        let delay = sim.agents[0].configuration.nominationDelay
        #expect(sim.now < RTCInstant.zero + delay, "nominated after \(sim.now), not waiting the \(delay) nomination delay")
    }
}
