import ICE
import RTCTestSupport
import Testing
import STUN
import RTCBase

/// RFC 8445 §7.3.1.1: two agents that both think they are controlling (or controlled) sort it out.
@Suite struct RoleConflictTests {
    @Test(arguments: [(ICERole.controlling, ICERole.controlling), (.controlled, .controlled)])
    func conflictResolves(roles: (ICERole, ICERole)) throws {
        let sim = Fixtures.simulation(seed: 41, agents: Fixtures.agents(seed: 41, roles: roles))
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
        let a = sim.agents[0], b = sim.agents[1]
        #expect(a.role != b.role, "exactly one agent ends up controlling")
        // The larger tie-breaker wins the controlling role (§7.3.1.1).
        let winner = a.tieBreaker > b.tieBreaker ? 0 : 1
        #expect(sim.agents[winner].role == .controlling)
        // Exactly one agent switched: the loser from controlling, or the winner from controlled.
        let switches = sim.events[0].count { if case .roleChanged = $0 { true } else { false } }
            + sim.events[1].count { if case .roleChanged = $0 { true } else { false } }
        #expect(switches == 1)
        let pairA = try #require(a.selectedPair), pairB = try #require(b.selectedPair)
        #expect(pairA.remote.address == pairB.local.address)
        #expect(sim.exchangeData() == (5, 5))
    }

    @Test func roleConflictResponseIsSentByTheWinner() {
        let sim = Fixtures.simulation(seed: 42, agents: Fixtures.agents(seed: 42, roles: (.controlling, .controlling)))
        sim.start()
        sim.progress(until: { $0.bothConnected }, timeout: .seconds(10))
        let responses = sim.agents[0].stats.roleConflictResponses + sim.agents[1].stats.roleConflictResponses
        let switches = sim.events[0].count { if case .roleChanged = $0 { true } else { false } }
            + sim.events[1].count { if case .roleChanged = $0 { true } else { false } }
        #expect(switches == 1, "one agent switches once")
        #expect(responses + switches >= 1)
    }
}
