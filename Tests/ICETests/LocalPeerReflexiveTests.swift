import ICE
import RTCTestSupport
import STUN
import RTCBase
import Testing

/// Local peer-reflexive candidates (RFC 8445 §7.2.5.3.1) belong to the generation whose checks
/// learned them. The audit found them kept for good: a long session whose restarts each saw a new
/// NAT mapping grew by one per restart.
@Suite struct LocalPeerReflexiveTests {
    static let remote = TransportAddress("10.0.0.2:6000")!

    /// Answers the agent's next check to `remote` with a success reporting `mapped`, signed with
    /// `password`; returns whether there was a check to answer.
    @discardableResult
    static func answerCheck(_ agent: inout ICEAgent, remote: TransportAddress = remote, mapped: TransportAddress,
                            password: String, now: RTCInstant) -> Bool {
        agent.handleTimeout(now: now)
        var check: Transmit?
        while let transmit = agent.pollTransmit() {
            if check == nil, transmit.destination == remote { check = transmit }
        }
        guard let check, let request = try? STUNMessage.decode(check.payload) else { return false }
        let response = STUNMessage(type: .bindingSuccess, transactionID: request.transactionID,
                                   attributes: [.xorMappedAddress(mapped)])
        agent.handle(response.encode(key: .shortTerm(password: password), fingerprint: true),
                     from: remote, to: Fixtures.hostA, now: now)
        return true
    }

    static func peerReflexives(_ agent: ICEAgent) -> [Candidate] {
        agent.localCandidates.filter { $0.type == .peerReflexive }
    }

    @Test("40 restarts, each learning a new mapping: one local peer-reflexive candidate at a time, each announced")
    func restartsKeepThemBounded() throws {
        var agent = AuthenticationTests.agent()
        var now = RTCInstant.zero
        var announced = 0
        for round in 0..<40 {
            now = now + .seconds(1)
            let password = "remote-password-\(String(repeating: "x", count: 8))\(round)"
            if round > 0 { agent.restart(now: now) }
            agent.setRemoteCredentials(ICECredentials(ufrag: "rmt\(round)", pwd: password), now: now)
            _ = agent.addRemoteCandidate(Candidate(foundation: "9", priority: 2_130_706_431, address: Self.remote, type: .host),
                                         now: now)
            let mapped = TransportAddress(ip: IPAddress("203.0.113.7")!, port: UInt16(40_000 + round))
            #expect(Self.answerCheck(&agent, mapped: mapped, password: password, now: now), "round \(round)")
            while let event = agent.pollEvent() {
                if case .localPeerReflexiveCandidate(let candidate) = event, candidate.address == mapped { announced += 1 }
            }
            #expect(Self.peerReflexives(agent).map(\.address) == [mapped], "round \(round)")
        }
        #expect(announced == 40)
    }

    @Test("Within a generation, at most 16 are kept, however many addresses the peer reports")
    func boundedWithinAGeneration() {
        var agent = AuthenticationTests.agent()
        var answered = 0
        for round in 0..<40 {
            // A remote candidate per round, so a pair and a check per round; each answer reports
            // another mapping.
            let remote = TransportAddress(ip: IPAddress("10.0.0.2")!, port: UInt16(6_000 + round))
            let mapped = TransportAddress(ip: IPAddress("203.0.113.7")!, port: UInt16(40_000 + round))
            let now = RTCInstant.zero + .seconds(Int64(round + 1))
            _ = agent.addRemoteCandidate(Candidate(foundation: "9", priority: 2_130_706_431, address: remote, type: .host),
                                         now: now)
            if Self.answerCheck(&agent, remote: remote, mapped: mapped, password: "remote-password-123456789", now: now) {
                answered += 1
            }
            while agent.pollEvent() != nil {}
        }
        #expect(answered > 16, "enough distinct mappings reported to test the bound")
        #expect(Self.peerReflexives(agent).count == 16)
    }
}
