import ICE
import RTCTestSupport
import RTCBase
import Testing
import STUN

/// Relay-only ICE through the in-test TURN server: the data provably goes through the relay.
@Suite struct RelayTests {
    static let serverAddress = TransportAddress("198.51.100.1:3478")!

    static func relaySimulation(seed: UInt64, conditions: NetworkConditions = .perfect,
                                gatheringTimeout: Duration = .seconds(5)) -> ICESimulation {
        let server = ICEServer(url: "turn:198.51.100.1:3478?transport=udp", username: "alice", credential: "secret")!
        let turn = TURNServer(address: serverAddress, users: ["alice": "secret"])
        var configuration = Fixtures.configuration([Fixtures.hostA], servers: [server], policy: .relay)
        configuration.gatheringTimeout = gatheringTimeout
        var configurationB = configuration
        configurationB.hostAddresses = [Fixtures.hostB]
        let agents = Fixtures.agents(seed: seed, a: configuration, b: configurationB)
        return Fixtures.simulation(seed: seed, conditions: conditions, agents: agents, turnServers: [turn])
    }

    @Test func relayOnlyConnects() throws {
        let sim = Self.relaySimulation(seed: 81)
        // A and B cannot reach each other directly: only the TURN server is reachable.
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
        let a = try #require(sim.agents[0].selectedPair)
        let b = try #require(sim.agents[1].selectedPair)
        #expect(a.local.type == .relay && a.remote.type == .relay)
        #expect(b.local.type == .relay && b.remote.type == .relay)
        #expect(a.local.address == b.remote.address && a.remote.address == b.local.address)
        #expect(a.local.address.ip == Self.serverAddress.ip)
        #expect(sim.agents[0].localCandidates.filter { $0.type == .host }.count == 1, "host kept for the socket")
        #expect(sim.events(of: 0) { if case .localCandidate(let c) = $0 { c.type != .relay } else { false } }.isEmpty,
                "a relay policy signals relay candidates only")
        let relayedBefore = sim.turnServers[0].stats
        #expect(sim.exchangeData(count: 10, tag: 0x30) == (10, 10))
        let relayed = sim.turnServers[0].stats
        let clientToPeer = (relayed.channelDataFromClients + relayed.sendIndications)
            - (relayedBefore.channelDataFromClients + relayedBefore.sendIndications)
        #expect(clientToPeer == 20, "every datagram went through the relay")
        #expect(relayed.channelDataFromClients > 0, "channels get bound and used")
        #expect(sim.agents[0].stats.relayedPacketsSent == 10)
        #expect(sim.turnServers[0].stats.allocations == 2)
        #expect(sim.turnServers[0].stats.unauthorized >= 2, "each allocation was challenged first")
        // Nothing flowed directly between the hosts.
        #expect(sim.events[1].allSatisfy { if case .data(_, let from) = $0 { from.ip == Self.serverAddress.ip } else { true } })
    }

    @Test func relayStaysUpForHalfAnHour() {
        let sim = Self.relaySimulation(seed: 86)
        sim.turnServers[0].nonceLifetime = .seconds(600)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
        sim.progress(for: .seconds(1800), maxSteps: 200_000)
        #expect(sim.bothConnected)
        let stats = sim.turnServers[0].stats
        #expect(stats.refreshes >= 2 * 3, "each allocation refreshed every 540 s")
        #expect(stats.permissions >= 2 * 7, "permissions refreshed every 240 s")
        #expect(stats.channelBinds >= 2 * 6, "channels rebound every 300 s")
        #expect(stats.staleNonces >= 2, "nonce rotation handled with 438 and a retry")
        #expect(sim.turnServers[0].relayedAddresses.count == 2)
        #expect(sim.exchangeData(count: 5, tag: 0x31) == (5, 5))
    }

    @Test func relayOnlyConnectsUnderLoss() {
        let sim = Self.relaySimulation(seed: 82, conditions: NetworkConditions(loss: 0.2, delay: .milliseconds(15)))
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(30)))
    }

    @Test func closeDeallocates() {
        let sim = Self.relaySimulation(seed: 83)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
        sim.agents[0].close(now: sim.now)
        sim.agents[1].close(now: sim.now)
        sim.progress(for: .seconds(2))
        #expect(sim.turnServers[0].stats.deallocations == 2)
        #expect(sim.turnServers[0].relayedAddresses.isEmpty)
        #expect(sim.agents[0].connectionState == .closed)
    }

    @Test func srflxGatheringThroughNAT() throws {
        let publicA = TransportAddress("203.0.113.9:41000")!
        let stun = ICEServer(url: "stun:198.51.100.1:3478")!
        let agents = Fixtures.agents(seed: 84, a: Fixtures.configuration([Fixtures.hostA], servers: [stun]))
        let sim = Fixtures.simulation(seed: 84, agents: agents,
                                      turnServers: [TURNServer(address: Self.serverAddress, users: [:])])
        sim.network.addNAT(internal: Fixtures.hostA, external: publicA)
        sim.start()
        #expect(sim.progress(until: { $0.agents[0].gatheringState == .complete }, timeout: .seconds(6)))
        let srflx = try #require(sim.agents[0].localCandidates.first { $0.type == .serverReflexive })
        #expect(srflx.address == publicA && srflx.relatedAddress == Fixtures.hostA)
        #expect(srflx.priority == Candidate.priority(type: .serverReflexive, localPreference: 65535))
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
    }

    @Test func gatheringAlwaysFinishes() {
        // Neither server answers: gathering still completes after the per-server timeout.
        let stun = ICEServer(url: "stun:192.0.2.99:3478")!
        let turn = ICEServer(url: "turn:192.0.2.98", username: "u", credential: "p")!
        let agents = Fixtures.agents(seed: 85, a: Fixtures.configuration([Fixtures.hostA], servers: [stun, turn]))
        let sim = Fixtures.simulation(seed: 85, agents: agents)
        sim.start()
        #expect(sim.agents[0].gatheringState == .gathering)
        #expect(sim.progress(until: { $0.agents[0].gatheringState == .complete }, timeout: .seconds(10)))
        #expect(sim.now - .zero >= .seconds(5) && sim.now - .zero <= .seconds(6))
        #expect(sim.bothConnected || sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
    }
}
