import ICE
import RTCTestSupport
import RTCBase
import Testing
import STUN

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

    /// A network change: the address carrying the selected pair vanishes, the restart names the
    /// remaining one, and the new generation selects a pair on it while nothing from the removed
    /// address is announced again.
    @Test func restartMovesToTheRemainingAddress() throws {
        let hostA2 = TransportAddress("10.0.1.1:5001")!
        let sim = Fixtures.simulation(seed: 52, agents: Fixtures.agents(
            seed: 52, a: Fixtures.configuration([Fixtures.hostA, hostA2])))
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        #expect(sim.agents[0].selectedPair?.local.address == Fixtures.hostA)

        let eventsBefore = sim.events[0].count
        sim.agents[0].restart(hostAddresses: [hostA2], now: sim.now)
        sim.agents[1].restart(now: sim.now)
        sim.drain()
        #expect(sim.agents[0].hostAddresses == [hostA2])
        #expect(!sim.agents[0].localCandidates.contains { $0.address == Fixtures.hostA })
        let announced = sim.events[0][eventsBefore...].compactMap { event -> Candidate? in
            if case .localCandidate(let candidate) = event { candidate } else { nil }
        }
        #expect(announced.map(\.address) == [hostA2])
        // The removed socket carried the selected pair: no path until the new generation has one.
        #expect(sim.agents[0].connectionState == .disconnected)
        // Sent meanwhile: held, not sent from the removed address, and delivered once a pair is selected.
        let receivedBefore = sim.received[1].count
        for index in 0..<3 { try sim.agents[0].send([0xA4, UInt8(index)], now: sim.now) }
        #expect(sim.agents[0].stats.heldWhileMoving == 3)
        sim.drain()
        #expect(sim.received[1].count == receivedBefore)

        sim.signal(.credentials(sim.agents[1].localCredentials), to: 0)
        sim.signal(.credentials(sim.agents[0].localCredentials), to: 1)
        #expect(sim.progress(until: { sim in
            sim.agents[0].selectedPair?.generation == 1 && sim.agents[1].selectedPair?.generation == 1 && sim.bothConnected
        }, timeout: .seconds(10)))
        #expect(sim.agents[0].selectedPair?.local.address == hostA2)
        #expect(sim.agents[1].selectedPair?.remote.address == hostA2)
        #expect(sim.progress(until: { $0.received[1].count >= receivedBefore + 3 }, timeout: .seconds(1)))
        #expect(sim.received[1].suffix(3) == [[0xA4, 0], [0xA4, 1], [0xA4, 2]])
        #expect(sim.agents[0].stats.droppedWhileMoving == 0)
        #expect(sim.exchangeData(count: 3, tag: 0xA3) == (3, 3))
    }

    /// The hold during a move is bounded in datagrams and in bytes: past either limit the newest
    /// datagrams are dropped and counted (the transport above retransmits what it must), and a
    /// close empties it.
    @Test func theHoldDuringAMoveIsBounded() throws {
        var byCount = try Self.agentMidMove(seed: 55)
        for _ in 0..<(ICEAgent.heldDatagramLimit + 5) { try byCount.send([0xA5], now: .zero) }
        #expect(byCount.stats.heldWhileMoving == ICEAgent.heldDatagramLimit)
        #expect(byCount.datagramsHeld == ICEAgent.heldDatagramLimit && byCount.stats.droppedWhileMoving == 5)
        byCount.close(now: .zero)
        #expect(byCount.datagramsHeld == 0)

        var byBytes = try Self.agentMidMove(seed: 56)
        try byBytes.send([UInt8](repeating: 0xA6, count: ICEAgent.heldByteLimit), now: .zero)
        try byBytes.send([0xA6], now: .zero)
        #expect(byBytes.datagramsHeld == 1 && byBytes.stats.droppedWhileMoving == 1)
    }

    /// An agent whose selected pair's address was just removed by a restart.
    static func agentMidMove(seed: UInt64) throws -> ICEAgent {
        let hostA2 = TransportAddress("10.0.1.1:5001")!
        let sim = Fixtures.simulation(seed: seed, agents: Fixtures.agents(
            seed: seed, a: Fixtures.configuration([Fixtures.hostA, hostA2])))
        sim.start()
        try #require(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        try #require(sim.agents[0].selectedPair?.local.address == Fixtures.hostA)
        sim.agents[0].restart(hostAddresses: [hostA2], now: sim.now)
        sim.drain()
        return sim.agents[0]
    }

    /// A restart before gathering started only changes the addresses gathering will use.
    @Test func restartBeforeGatheringOnlyReplacesAddresses() {
        var agent = ICEAgent(configuration: Fixtures.configuration([Fixtures.hostA]), role: .controlling,
                             random: SeededRandom(seed: 53))
        agent.restart(hostAddresses: [Fixtures.hostB], now: .zero)
        #expect(agent.pollEvent() == nil)
        agent.startGathering(now: .zero)
        #expect(agent.localCandidates.map(\.address) == [Fixtures.hostB])
    }

    /// Fresh servers at a restart (TURN credentials expire): gathering from then on asks them,
    /// on the new addresses and again from the kept ones.
    @Test func restartWithNewServersGathersFromThem() {
        let old = ICEServer(address: TransportAddress("203.0.113.1:3478")!, kind: .stun)
        let new = ICEServer(address: TransportAddress("203.0.113.2:3478")!, kind: .stun)
        let hostA2 = TransportAddress("10.0.1.1:5001")!
        var agent = ICEAgent(configuration: Fixtures.configuration([Fixtures.hostA], servers: [old]), role: .controlling,
                             random: SeededRandom(seed: 54))
        agent.startGathering(now: .zero)
        while agent.pollTransmit() != nil {}
        agent.restart(hostAddresses: [Fixtures.hostA, hostA2], servers: [new], now: .zero + .seconds(1))
        var requests: [(from: TransportAddress, to: TransportAddress)] = []
        while let transmit = agent.pollTransmit() { requests.append((transmit.source, transmit.destination)) }
        #expect(agent.servers == [new])
        #expect(Set(requests.map(\.to)) == [new.address])
        #expect(Set(requests.map(\.from)) == [Fixtures.hostA, hostA2])
    }
}

