import ICE
import RTCTestSupport
import RTCBase
import Testing
import STUN

/// Candidates and credentials that arrive late, or never, over signaling.
@Suite struct TrickleTests {
    @Test func candidatesTrickleInLate() throws {
        let sim = Fixtures.simulation(seed: 31)
        sim.signalingDelay = .seconds(2)
        sim.start()
        // Nothing can be checked before the candidates arrive.
        sim.progress(for: .milliseconds(1500))
        #expect(sim.agents[0].connectionState == .checking)
        #expect(sim.agents[0].pairs.isEmpty && sim.agents[1].pairs.isEmpty)
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        #expect(sim.now > RTCInstant.zero + .seconds(2))
        #expect(sim.exchangeData() == (5, 5))
    }

    @Test func noCandidatesFromRemoteConnectsViaPeerReflexive() throws {
        // Agent B never learns A's candidates: only A's checks, arriving from an unknown address,
        // teach B a peer-reflexive remote candidate.
        let sim = Fixtures.simulation(seed: 32)
        sim.autoSignal = false
        sim.start()
        for event in sim.events[1] {
            if case .localCandidate(let candidate) = event { sim.signal(.candidate(candidate), to: 0) }
        }
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        let b = try #require(sim.agents[1].selectedPair)
        #expect(b.remote.type == .peerReflexive)
        #expect(b.remote.address == Fixtures.hostA)
        #expect(!sim.events(of: 1) { if case .remotePeerReflexiveCandidate = $0 { true } else { false } }.isEmpty)
        #expect(sim.exchangeData() == (5, 5))
    }

    @Test func tcpCandidatesAreParsedButIgnored() throws {
        var agent = ICEAgent(configuration: Fixtures.configuration([Fixtures.hostA]), role: .controlling,
                             random: SeededRandom(seed: 1))
        agent.startGathering(now: .zero)
        let tcp = "candidate:2 1 tcp 1518280447 10.0.0.2 9 typ host tcptype active generation 0 ufrag abcd network-id 1"
        #expect(try agent.addRemoteCandidate(sdpAttribute: tcp, now: .zero) == false)
        #expect(agent.remoteCandidates.isEmpty)
        let udp = "candidate:1 1 UDP 2122260223 10.0.0.2 6000 typ host generation 0 network-cost 999"
        #expect(try agent.addRemoteCandidate(sdpAttribute: udp, now: .zero))
        #expect(agent.pairs.count == 1)
    }

    @Test func endOfCandidatesWithAllPairsFailedIsFailure() {
        // B does not exist on the network: every check A sends goes nowhere.
        var agents = Fixtures.agents(seed: 33)
        agents[1] = ICEAgent(configuration: Fixtures.configuration([TransportAddress("10.9.9.9:1")!]), role: .controlled,
                             random: SeededRandom(seed: 34))
        let sim = Fixtures.simulation(seed: 33, agents: agents)
        sim.network.blackholed = [IPAddress("10.9.9.9")!]
        sim.start()
        #expect(sim.progress(until: { $0.agents[0].connectionState == .failed }, timeout: .seconds(30)))
        #expect(sim.agents[0].pairs.allSatisfy { $0.state == .failed })
    }
}
