import ICE
import RTCTestSupport
import Testing
import STUN
import RTCBase

/// 30 % loss (plus jitter, duplication and reordering) slows ICE down but does not stop it.
@Suite struct LossyNetworkTests {
    @Test(arguments: [UInt64(11), 12, 13, 14, 15])
    func connectsUnderThirtyPercentLoss(seed: UInt64) throws {
        let conditions = NetworkConditions(loss: 0.3, delay: .milliseconds(25), jitter: .milliseconds(10),
                                           duplication: 0.05, reordering: 0.1)
        let sim = Fixtures.simulation(seed: seed, conditions: conditions)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(20)))
        let a = try #require(sim.agents[0].selectedPair)
        let b = try #require(sim.agents[1].selectedPair)
        #expect(a.remote.address == b.local.address && b.remote.address == a.local.address)
        // Data is best effort under loss: most of 20 datagrams get through each way.
        let (toA, toB) = sim.exchangeData(count: 20)
        #expect(toA >= 8 && toB >= 8)
        #expect(sim.network.stats.dropped > 0)
    }

    @Test func duplicatesAndReorderingAreHarmless() {
        let conditions = NetworkConditions(delay: .milliseconds(5), jitter: .milliseconds(20), duplication: 0.5, reordering: 0.5)
        let sim = Fixtures.simulation(seed: 21, conditions: conditions)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        #expect(sim.network.stats.duplicated > 0)
        #expect(sim.agents[0].stats.badIntegrityMessages == 0 && sim.agents[1].stats.badIntegrityMessages == 0)
    }
}
