import ICE
import RTCTestSupport
import RTCBase
import Testing
import STUN

/// Two agents on a clean network connect, agree on the pair, and exchange data both ways.
@Suite struct ConnectTests {
    @Test func twoAgentsConnect() throws {
        let sim = Fixtures.simulation(seed: 1)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        #expect(sim.now < RTCInstant.zero + .seconds(1), "a clean network connects quickly, took \(sim.now)")
        let a = try #require(sim.agents[0].selectedPair)
        let b = try #require(sim.agents[1].selectedPair)
        #expect(a.local.address == Fixtures.hostA && a.remote.address == Fixtures.hostB)
        #expect(b.local.address == Fixtures.hostB && b.remote.address == Fixtures.hostA)
        #expect(a.nominated && b.nominated)
        let (toA, toB) = sim.exchangeData()
        #expect(toA == 5 && toB == 5)
        #expect(sim.received[1].first == [0xAB, 0, 0])
        #expect(sim.received[0].first == [0xAB, 1, 0])
        sim.progress(for: .seconds(2))
        #expect(sim.agents[0].connectionState == .completed)
        #expect(sim.agents[1].connectionState == .completed)
        #expect(sim.agents[0].gatheringState == .complete)
        #expect(sim.connectionStates(of: 0) == [.checking, .connected, .completed])
    }

    @Test func ipv6AndMultipleInterfaces() throws {
        let agents = Fixtures.agents(seed: 7, a: Fixtures.configuration([Fixtures.hostA, Fixtures.hostA6]),
                                     b: Fixtures.configuration([Fixtures.hostB6, Fixtures.hostB]))
        let sim = Fixtures.simulation(seed: 7, agents: agents)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        // Four pairs at most: address families never mix.
        #expect(sim.agents[0].pairs.count == 2)
        #expect(sim.agents[0].pairs.allSatisfy { $0.local.address.ip.isIPv4 == $0.remote.address.ip.isIPv4 })
        #expect(sim.exchangeData() == (5, 5))
    }

    @Test func loopbackOnlyWhenAsked() {
        let loopback = TransportAddress("127.0.0.1:4000")!
        var without = ICEAgent(configuration: ICEConfiguration(hostAddresses: [loopback, Fixtures.hostA]),
                               role: .controlling, random: SeededRandom(seed: 3))
        without.startGathering(now: .zero)
        #expect(without.localCandidates.map(\.address) == [Fixtures.hostA])
        var with = ICEAgent(configuration: ICEConfiguration(hostAddresses: [loopback], includeLoopback: true),
                            role: .controlling, random: SeededRandom(seed: 3))
        with.startGathering(now: .zero)
        #expect(with.localCandidates.map(\.address) == [loopback])
        #expect(with.gatheringState == .complete, "no servers: gathering completes at once")
    }

    @Test func sendBeforeConnectedThrows() {
        var agent = ICEAgent(configuration: Fixtures.configuration([Fixtures.hostA]), role: .controlling,
                             random: SeededRandom(seed: 1))
        #expect(throws: ICEError.notConnected) { try agent.send([1], now: .zero) }
    }
}
