import ICE
import RTCTestSupport
import RTCBase
import Testing
import STUN

/// RFC 8445 §6.1.4.2 pacing and §6.1.2 checklist formation, on one agent driven by hand.
@Suite struct PacingTests {
    static func agentWithRemotes(_ count: Int, ta: Duration = .milliseconds(50)) -> ICEAgent {
        var configuration = ICEConfiguration(hostAddresses: [Fixtures.hostA, Fixtures.hostA6])
        configuration.ta = ta
        var agent = ICEAgent(configuration: configuration, role: .controlling, random: SeededRandom(seed: 8))
        agent.startGathering(now: .zero)
        agent.setRemoteCredentials(ICECredentials(ufrag: "remt", pwd: "remote-password-123456789"), now: .zero)
        for index in 0..<count {
            let ip = index % 2 == 0 ? "10.0.1.\(index + 1)" : "fd00::\(index + 10)"
            let candidate = Candidate(foundation: String(index + 1), priority: Candidate.priority(type: .host, localPreference: UInt16(65535 - index)),
                                      address: TransportAddress(ip: ip, port: 7000)!, type: .host)
            agent.addRemoteCandidate(candidate, now: .zero)
        }
        return agent
    }

    @Test func newChecksAreSpacedByTa() throws {
        var agent = Self.agentWithRemotes(6)
        #expect(agent.pairs.count == 6, "each remote pairs with the one local of its family")
        var firstSend: [TransportAddress: RTCInstant] = [:]
        // The first check left when the first pair formed, at zero.
        while let transmit = agent.pollTransmit() {
            if firstSend[transmit.destination] == nil { firstSend[transmit.destination] = .zero }
        }
        var now = RTCInstant.zero
        for _ in 0..<200 {
            guard let next = agent.pollTimeout(), next <= .zero + .seconds(1) else { break }
            now = max(now, next)
            agent.handleTimeout(now: now)
            while let transmit = agent.pollTransmit() {
                if firstSend[transmit.destination] == nil { firstSend[transmit.destination] = now }
            }
        }
        let times = firstSend.values.sorted()
        #expect(times.count == 6, "every pair was checked within a second")
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= .milliseconds(50), "checks \(earlier) and \(later) closer than Ta")
        }
        // Highest priority first: the remote with the highest local preference (index 0) went first.
        let first = try #require(firstSend.min { $0.value < $1.value })
        #expect(first.key == TransportAddress("10.0.1.1:7000"))
    }

    /// RFC 8445 §6.1.4.2: no check went out in the last Ta, so the check of a pair that just formed
    /// leaves with the input that formed it, not from the next timer; the next waits for Ta.
    @Test func firstCheckLeavesWhenThePairFormsAndTheNextWaitsForTa() throws {
        var agent = ICEAgent(configuration: ICEConfiguration(hostAddresses: [Fixtures.hostA]), role: .controlling,
                             random: SeededRandom(seed: 8))
        agent.startGathering(now: .zero)
        agent.setRemoteCredentials(ICECredentials(ufrag: "remt", pwd: "remote-password-123456789"), now: .zero)
        #expect(agent.pollTransmit() == nil, "no pair yet, no check")
        func remote(_ index: Int) -> Candidate {
            Candidate(foundation: String(index), priority: Candidate.priority(type: .host, localPreference: UInt16(65535 - index)),
                      address: TransportAddress(ip: "10.0.1.\(index)", port: 7000)!, type: .host)
        }
        let start = RTCInstant.zero + .seconds(1)
        agent.addRemoteCandidate(remote(1), now: start)
        let firstOut = agent.pollTransmit()
        let first = try #require(firstOut, "the check left without a timeout being handled")
        #expect(first.destination == remote(1).address)
        #expect(try STUNMessage.decode(first.payload).type == .bindingRequest)
        #expect(agent.stats.checksSent == 1)
        // A second pair within Ta of that check: paced, it goes from the timer at start + Ta.
        agent.addRemoteCandidate(remote(2), now: start + .milliseconds(10))
        #expect(agent.pollTransmit() == nil)
        #expect(agent.stats.checksSent == 1)
        agent.handleTimeout(now: start + .milliseconds(50))
        let secondOut = agent.pollTransmit()
        let second = try #require(secondOut)
        #expect(second.destination == remote(2).address)
        #expect(agent.stats.checksSent == 2)
    }

    @Test func checklistIsBoundedAndPairsAreSortedByPriority() {
        var configuration = ICEConfiguration(hostAddresses: [Fixtures.hostA])
        configuration.maxPairs = 5
        configuration.maxRemoteCandidates = 8
        var agent = ICEAgent(configuration: configuration, role: .controlled, random: SeededRandom(seed: 9))
        agent.startGathering(now: .zero)
        for index in 0..<20 {
            agent.addRemoteCandidate(Candidate(foundation: "f\(index)", priority: UInt32(1000 + index),
                                               address: TransportAddress(ip: "10.0.2.\(index + 1)", port: 1)!, type: .host),
                                     now: .zero)
        }
        #expect(agent.remoteCandidates.count == 8)
        #expect(agent.pairs.count == 5)
        // Controlled: G is the remote's priority.
        let pair = agent.pairs[0]
        #expect(pair.priority == CandidatePair.priority(controlling: pair.remote.priority, controlled: pair.local.priority))
    }

    @Test func prflxIsReplacedBySignaledCandidate() throws {
        var agent = AuthenticationTests.agent()
        let source = TransportAddress("10.0.0.2:6000")!
        agent.handle(AuthenticationTests.request(username: "locl:remt", password: "local-password-1234567890"),
                     from: source, to: Fixtures.hostA, now: .zero)
        #expect(agent.remoteCandidates.first?.type == .peerReflexive)
        let signaled = Candidate(foundation: "7", priority: 2_130_706_431, address: source, type: .host)
        let added = agent.addRemoteCandidate(signaled, now: .zero)
        #expect(added)
        #expect(agent.remoteCandidates == [signaled])
        #expect(agent.pairs.first?.remote == signaled)
        let again = agent.addRemoteCandidate(signaled, now: .zero)
        #expect(!again, "duplicates are ignored")
    }
}
