import ICE
import RTCTestSupport
import RTCBase
import Testing
import STUN

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

    /// Through NAT the better pairs are the ones to the peer's private host addresses, and they
    /// never answer: once they have had a few round trips of the working pair, the controlling
    /// agent nominates without waiting out the whole nomination delay.
    @Test func unansweredBetterPairsDoNotHoldNominationForTheFullDelay() throws {
        let sim = Fixtures.simulation(seed: 42)
        sim.signalingDelay = .milliseconds(1)
        sim.start()
        // A host candidate of B's that nothing answers on (its private address in another home),
        // with a higher priority than the one that works.
        let unreachable = Candidate(foundation: "99", priority: Candidate.priority(type: .host, localPreference: 65535) + 1,
                                    address: TransportAddress("192.168.1.20:7000")!, type: .host)
        sim.agents[0].addRemoteCandidate(unreachable, now: sim.now)
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        let pair = try #require(sim.agents[0].selectedPair)
        #expect(pair.remote.address == Fixtures.hostB)
        let delay = sim.agents[0].configuration.nominationDelay
        #expect(sim.now < RTCInstant.zero + delay, "nominated after \(sim.now), the whole \(delay) nomination delay")
        #expect(sim.agents[0].pairs.contains { $0.remote.address == unreachable.address })
    }
}
