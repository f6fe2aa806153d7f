import ICE
import RTCTestSupport
import RTCBase
import Testing
import STUN

/// A NAT rewrites A's address: B sees checks from an address nobody signaled (remote prflx), and A
/// learns its public address from B's XOR-MAPPED-ADDRESS (local prflx).
@Suite struct NATTests {
    @Test func natForcesPeerReflexiveDiscovery() throws {
        let publicA = TransportAddress("203.0.113.7:40000")!
        let sim = Fixtures.simulation(seed: 71)
        sim.network.addNAT(internal: Fixtures.hostA, external: publicA)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
        let b = try #require(sim.agents[1].selectedPair)
        #expect(b.remote.type == .peerReflexive)
        #expect(b.remote.address == publicA)
        let learnedRemote = sim.events(of: 1) { if case .remotePeerReflexiveCandidate = $0 { true } else { false } }
        #expect(learnedRemote == [.remotePeerReflexiveCandidate(b.remote)])
        let learnedLocal = sim.events(of: 0) { if case .localPeerReflexiveCandidate = $0 { true } else { false } }
        guard case .localPeerReflexiveCandidate(let local)? = learnedLocal.first else {
            Issue.record("A did not learn its mapped address")
            return
        }
        #expect(local.address == publicA && local.type == .peerReflexive && local.relatedAddress == Fixtures.hostA)
        // The signaled host candidate of A (10.0.0.1) is unreachable from B's point of view: its pair
        // with B never succeeds, since B's checks to it land nowhere.
        #expect(sim.agents[1].pairs.first { $0.remote.address == Fixtures.hostA }?.state != .succeeded)
        #expect(sim.exchangeData() == (5, 5))
    }
}
