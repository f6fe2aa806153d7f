import RTCTestSupport
import STUN
import RTCBase
import Testing

@testable import ICE

/// A server-reflexive candidate is asked for again at each restart; when the NAT has moved the
/// mapping, the new one replaces the old (the audit's "per-generation lists grow per restart").
@Suite struct ServerReflexiveRestartTests {
    static let stun = TransportAddress("198.51.100.9:3478")!

    /// Answers every Binding request the agent sent to a server in `mappings` with the mapping
    /// that server sees, those to `first` before the others; the agent's other datagrams are dropped.
    static func answerGathering(_ agent: inout ICEAgent, mappings: [TransportAddress: TransportAddress],
                                first: TransportAddress? = nil, now: RTCInstant) -> Int {
        var answered = 0
        var requests: [(server: TransportAddress, request: STUNMessage)] = []
        while let transmit = agent.pollTransmit() {
            if mappings[transmit.destination] != nil, let request = try? STUNMessage.decode(transmit.payload) {
                requests.append((transmit.destination, request))
            }
        }
        requests = requests.filter { $0.server == first } + requests.filter { $0.server != first }
        for (server, request) in requests {
            let response = STUNMessage(type: .bindingSuccess, transactionID: request.transactionID,
                                       attributes: [.xorMappedAddress(mappings[server]!)])
            agent.handle(response.encode(fingerprint: true), from: server, to: Fixtures.hostA, now: now)
            answered += 1
        }
        return answered
    }

    static func serverReflexives(_ agent: ICEAgent) -> [TransportAddress] {
        agent.localCandidates.filter { $0.type == .serverReflexive }.map(\.address)
    }

    /// The STUN servers of each case: one; and two on one IP at different ports, whose candidates
    /// share a foundation (it names the server's IP only, RFC 8445 §5.1.1.3), so that matched by
    /// foundation each server's answer replaced the other's candidate.
    static let serverSets: [[TransportAddress]] = [
        [stun],
        [TransportAddress("127.0.0.1:3478")!, TransportAddress("127.0.0.1:3479")!],
    ]

    @Test("30 restarts on the same address, each mapped to a new port: one server-reflexive candidate per server, the newest, announced each time",
          arguments: serverSets)
    func newMappingReplacesTheOld(servers: [TransportAddress]) {
        let configuration = Fixtures.configuration([Fixtures.hostA], servers: servers.map { ICEServer(address: $0, kind: .stun) })
        var agent = ICEAgent(configuration: configuration, role: .controlling, random: SeededRandom(seed: 8))
        agent.startGathering(now: .zero)
        var now = RTCInstant.zero
        for round in 0..<30 {
            now = now + .seconds(1)
            // A restart after a network change that kept our address: the STUN servers are asked again.
            if round > 0 { agent.restart(hostAddresses: [Fixtures.hostA], now: now) }
            // An address- and port-dependent NAT: each server sees its own port, new at each round.
            var mappings: [TransportAddress: TransportAddress] = [:]
            for (index, server) in servers.enumerated() {
                mappings[server] = TransportAddress(ip: IPAddress("203.0.113.7")!, port: UInt16(50_000 + 10_000 * index + round))
            }
            #expect(Self.answerGathering(&agent, mappings: mappings, now: now) == servers.count, "round \(round)")
            var announced: [TransportAddress] = []
            while let event = agent.pollEvent() {
                if case .localCandidate(let candidate) = event, candidate.type == .serverReflexive { announced.append(candidate.address) }
            }
            #expect(Set(announced.suffix(servers.count)) == Set(mappings.values), "round \(round)")
            #expect(Self.serverReflexives(agent).count == servers.count, "round \(round)")
            #expect(Set(Self.serverReflexives(agent)) == Set(mappings.values), "round \(round)")
        }
    }

    @Test("Two servers on one IP see the same mapping (one NAT mapping for every destination), the other one answering first after a restart: one server-reflexive candidate, the live mapping, and no older one announced",
          arguments: [false, true])
    func sharedMappingReportedFirstByTheOtherServer(alternate: Bool) {
        let servers = Self.serverSets[1]
        let configuration = Fixtures.configuration([Fixtures.hostA], servers: servers.map { ICEServer(address: $0, kind: .stun) })
        var agent = ICEAgent(configuration: configuration, role: .controlling, random: SeededRandom(seed: 9))
        agent.startGathering(now: .zero)
        var now = RTCInstant.zero
        var previous: TransportAddress?
        for round in 0..<12 {
            now = now + .seconds(1)
            if round > 0 { agent.restart(hostAddresses: [Fixtures.hostA], now: now) }
            // The NAT moves our mapping at each restart; both servers see the new one. The first
            // server answers first at the start, then the second (or each in turn).
            let mapped = TransportAddress(ip: IPAddress("203.0.113.7")!, port: UInt16(50_000 + round))
            let first = round == 0 ? servers[0] : servers[alternate ? round % 2 : 1]
            let answered = Self.answerGathering(&agent, mappings: Dictionary(uniqueKeysWithValues: servers.map { ($0, mapped) }),
                                                first: first, now: now)
            #expect(answered == 2, "round \(round)")
            var announced: Set<TransportAddress> = []
            while let event = agent.pollEvent() {
                if case .localCandidate(let candidate) = event, candidate.type == .serverReflexive { announced.insert(candidate.address) }
            }
            // A restart announces the mapping held until the servers answer, and then the new one:
            // none older.
            #expect(announced.isSubset(of: [mapped] + (previous.map { [$0] } ?? [])), "round \(round): \(announced)")
            #expect(announced.contains(mapped), "round \(round)")
            #expect(Self.serverReflexives(agent) == [mapped], "round \(round)")
            // The host, the live mapping, and at most the one this round retired.
            #expect(agent.locals.count <= 3, "round \(round)")
            previous = mapped
        }
    }

    @Test("A check that learns our mapping before the STUN server answers does not keep the server-reflexive candidate from being announced")
    func serverReflexiveAfterPeerReflexiveIsAnnounced() throws {
        let configuration = Fixtures.configuration([Fixtures.hostA], servers: [ICEServer(address: Self.stun, kind: .stun)])
        var agent = ICEAgent(configuration: configuration, role: .controlled,
                             localCredentials: ICECredentials(ufrag: "locl", pwd: "local-password-1234567890"),
                             random: SeededRandom(seed: 5))
        agent.startGathering(now: .zero)
        // The Binding request to the STUN server is out; its answer comes last.
        var gatherRequest: STUNMessage?
        while let transmit = agent.pollTransmit() {
            if transmit.destination == Self.stun { gatherRequest = try STUNMessage.decode(transmit.payload) }
        }
        let request = try #require(gatherRequest)
        let password = "remote-password-123456789"
        let now = RTCInstant.zero + .milliseconds(100)
        agent.setRemoteCredentials(ICECredentials(ufrag: "remt", pwd: password), now: now)
        _ = agent.addRemoteCandidate(Candidate(foundation: "9", priority: 2_130_706_431, address: LocalPeerReflexiveTests.remote,
                                               type: .host), now: now)
        let mapped = TransportAddress("203.0.113.7:50000")!
        #expect(LocalPeerReflexiveTests.answerCheck(&agent, mapped: mapped, password: password, now: now))
        #expect(LocalPeerReflexiveTests.peerReflexives(agent).map(\.address) == [mapped])
        while agent.pollEvent() != nil {}

        let response = STUNMessage(type: .bindingSuccess, transactionID: request.transactionID, attributes: [.xorMappedAddress(mapped)])
        agent.handle(response.encode(fingerprint: true), from: Self.stun, to: Fixtures.hostA, now: now + .milliseconds(50))
        var announced: [Candidate] = []
        while let event = agent.pollEvent() {
            if case .localCandidate(let candidate) = event { announced.append(candidate) }
        }
        #expect(announced.map(\.type) == [.serverReflexive])
        #expect(announced.first?.address == mapped)
        // Listed once: the server-reflexive candidate stands for the mapping.
        #expect(agent.localCandidates.filter { $0.address == mapped }.map(\.type) == [.serverReflexive])
    }

    @Test("A server that stops answering after a restart, or answers with an error: its old mapping is no longer listed once gathering gives up",
          arguments: [false, true])
    func unconfirmedMappingIsRetired(answersWithError: Bool) {
        let configuration = Fixtures.configuration([Fixtures.hostA], servers: [ICEServer(address: Self.stun, kind: .stun)])
        var agent = ICEAgent(configuration: configuration, role: .controlling, random: SeededRandom(seed: 10))
        agent.startGathering(now: .zero)
        let mapped = TransportAddress("203.0.113.7:50000")!
        #expect(Self.answerGathering(&agent, mappings: [Self.stun: mapped], now: .zero) == 1)
        #expect(Self.serverReflexives(agent) == [mapped])

        var now = RTCInstant.zero + .seconds(1)
        agent.restart(hostAddresses: [Fixtures.hostA], now: now)
        var asked = 0
        while let transmit = agent.pollTransmit() {
            guard transmit.destination == Self.stun, let request = try? STUNMessage.decode(transmit.payload) else { continue }
            asked += 1
            if answersWithError {
                let error = STUNMessage(type: .bindingError, transactionID: request.transactionID,
                                        attributes: [.errorCode(STUNErrorCode(code: 500, reason: "Server Error"))])
                agent.handle(error.encode(fingerprint: true), from: Self.stun, to: Fixtures.hostA, now: now)
            }
        }
        #expect(asked == 1, "the server is asked again after the restart")
        // Without an answer the mapping stands until gathering gives up on the server.
        if !answersWithError {
            #expect(Self.serverReflexives(agent) == [mapped])
            // Past the gathering timeout (5 s), in steps, the retransmissions unanswered.
            for _ in 0..<20 {
                now = now + .milliseconds(500)
                agent.handleTimeout(now: now)
                while agent.pollTransmit() != nil {}
            }
        }
        #expect(Self.serverReflexives(agent).isEmpty, "a mapping the server no longer confirms is not listed")
        #expect(agent.localCandidates.map(\.type) == [.host])
    }
}
