import RTCBase
import RTCTestSupport
import Testing

@testable import ICE

/// Candidates on an address a network change removed are retired, and dropped once nothing uses
/// them: a session that moves between networks keeps a bounded candidate list (they once stayed
/// for good, one more host candidate per move).
@Suite struct RetiredCandidateTests {
    /// Two agents on the simulated network, connected.
    static func connected(seed: UInt64) throws -> ICESimulation {
        let sim = Fixtures.simulation(seed: seed)
        sim.start()
        try #require(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        return sim
    }

    /// Agent 0's address after its `round`th move.
    static func address(_ round: Int) -> TransportAddress {
        TransportAddress(ip: IPAddress("10.0.\(round).1")!, port: 5000)
    }

    /// A network change on agent 0: its address becomes `address`, and both sides restart ICE.
    static func move(_ sim: ICESimulation, to address: TransportAddress) {
        sim.agents[0].restart(hostAddresses: [address], now: sim.now)
        sim.agents[1].restart(now: sim.now)
        sim.drain()
    }

    /// Signals the new credentials and runs until both sides selected a pair from agent 0's `address`.
    static func reconnect(_ sim: ICESimulation, on address: TransportAddress) -> Bool {
        sim.signal(.credentials(sim.agents[1].localCredentials), to: 0)
        sim.signal(.credentials(sim.agents[0].localCredentials), to: 1)
        return sim.progress(until: { sim in
            guard let pair = sim.agents[0].selectedPair else { return false }
            return sim.agents[0].locals[pair.localIndex].base == address && sim.bothConnected
        }, timeout: .seconds(10))
    }

    @Test("12 moves to a new address, reconnecting each time: at most the previous address's candidate stays retired")
    func movesDropWhatNothingUses() throws {
        let sim = try Self.connected(seed: 61)
        for round in 1...12 {
            let address = Self.address(round)
            Self.move(sim, to: address)
            // The old pair still stands until the new generation nominates: its index still names its candidate.
            let pair = try #require(sim.agents[0].selectedPair)
            #expect(sim.agents[0].locals[pair.localIndex].candidate == pair.local, "round \(round)")
            #expect(Self.reconnect(sim, on: address), "round \(round)")
            // The previous address carried the selected pair until this move's nomination: kept
            // until the next move; everything before it is gone.
            let retired = sim.agents[0].locals.filter(\.retired)
            #expect(retired.count <= 1, "round \(round): \(retired.map(\.candidate.address))")
            #expect(sim.agents[0].locals.count <= 2, "round \(round)")
            #expect(sim.agents[0].localCandidates.map(\.address) == [address], "round \(round)")
            // Foundations of the addresses left behind are forgotten, and none is handed out twice.
            let foundations = sim.agents[0].foundations
            #expect(foundations.count <= 2, "round \(round): \(foundations)")
            #expect(Set(sim.agents[0].locals.map(\.candidate.foundation)).count == sim.agents[0].locals.count, "round \(round)")
        }
        #expect(sim.exchangeData(count: 3, tag: 0xA7) == (3, 3))
    }

    @Test("A move keeps the selected pair's retired candidate while its consent checks still run, and the pair still reports it")
    func theSelectedPairKeepsItsCandidate() throws {
        let sim = try Self.connected(seed: 62)
        for round in 1...3 {
            let address = Self.address(round)
            let before = try #require(sim.agents[0].selectedPair)
            sim.agents[0].restart(hostAddresses: [address], now: sim.now)
            sim.drain()
            // No new generation is nominated: the old pair still stands and points at its own candidate.
            let pair = try #require(sim.agents[0].selectedPair)
            #expect(pair.local == before.local)
            #expect(sim.agents[0].locals[pair.localIndex].candidate == before.local, "round \(round)")
            #expect(sim.agents[0].locals[pair.localIndex].retired, "round \(round)")
        }
    }

    @Test("Moves that keep some interfaces and add others: a kept host keeps its priority, a new one ranks below every kept one, and host local preferences stay unique")
    func aMoveNeverReordersSurvivingInterfaces() {
        let (a, b, c, d, e) = (Self.address(1), Self.address(2), Self.address(3), Self.address(4), Self.address(5))
        var agent = ICEAgent(configuration: Fixtures.configuration([a, b]), role: .controlling, random: SeededRandom(seed: 64))
        agent.startGathering(now: .zero)
        var now = RTCInstant.zero
        // A goes (its 65535 is free again), C comes; B goes, D and E come; A comes back.
        for addresses in [[b, c], [c, d, e], [e, a, c]] {
            let before = Dictionary(uniqueKeysWithValues: agent.localCandidates.map { ($0.address, $0.priority) })
            now = now + .seconds(1)
            agent.restart(hostAddresses: addresses, now: now)
            let hosts = agent.localCandidates.filter { $0.type == .host }
            #expect(Set(hosts.map(\.address)) == Set(addresses))
            let kept = hosts.filter { before[$0.address] != nil }
            let added = hosts.filter { before[$0.address] == nil }
            for host in kept { #expect(host.priority == before[host.address], "\(host.address)") }
            let lowestKept = kept.map(\.priority).min() ?? .max
            for host in added { #expect(host.priority < lowestKept, "\(host.address) after \(addresses)") }
            let listed = agent.locals.filter { $0.candidate.type == .host }.map(\.localPreference)
            #expect(Set(listed).count == listed.count, "\(listed)")
        }
        // Nothing free below the lowest live one: the highest free value.
        #expect(ICEAgent.hostLocalPreference(live: [0, 65535], listed: [0, 65535]) == 65534)
        #expect(ICEAgent.hostLocalPreference(live: [], listed: [65535]) == 65534)
    }

    @Test("5 moves of a relay-only agent: the allocation on the vanished address is forgotten at once, no release sent from it; its slot and candidates leave at the next move")
    func movesDropReleasedRelays() throws {
        let server = TransportAddress("198.51.100.1:3478")!
        var configuration = Fixtures.configuration(
            [Fixtures.hostA], servers: [ICEServer(address: server, kind: .turn(username: "alice", password: "secret"))],
            policy: .relay)
        configuration.gatheringTimeout = .seconds(5)
        let sim = Fixtures.simulation(seed: 63, agents: Fixtures.agents(seed: 63, a: configuration),
                                      turnServers: [TURNServer(address: server, users: ["alice": "secret"])])
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(10)))
        for round in 1...5 {
            let address = Self.address(round)
            let previous = round == 1 ? Fixtures.hostA : Self.address(round - 1)
            Self.move(sim, to: address)
            // The socket that reached the server went with the address: the allocation is
            // forgotten, not released from it (that Refresh was retransmitted for 39.5 s).
            #expect(sim.agents[0].relays.allSatisfy { $0.client.local == address || $0.client.state == .closed },
                    "round \(round)")
            #expect(!sim.agents[0].relays.contains { $0.client.local == previous && $0.client.state == .closing }, "round \(round)")
            #expect(Self.reconnect(sim, on: address), "round \(round)")
            #expect(sim.agents[0].selectedPair?.local.type == .relay, "round \(round)")
            sim.progress(for: .seconds(5))
            #expect(sim.bothConnected, "round \(round)")
            // This move's host and relay, and the previous move's while its release was still out.
            #expect(sim.agents[0].relays.count <= 2, "round \(round)")
            #expect(sim.agents[0].locals.count <= 4, "round \(round)")
        }
        #expect(sim.exchangeData(count: 3, tag: 0xA8) == (3, 3))
    }
}
