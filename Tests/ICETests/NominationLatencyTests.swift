import ICE
import RTCTestSupport
import RTCBase
import Testing
import STUN

/// The controlling agent nominates as soon as its best pair is valid, even when that pair came from
/// a triggered check and nothing else would wake it before the nomination delay.
@Suite struct NominationLatencyTests {
    @Test func controllingNominatesPromptlyOnPeerReflexivePair() throws {
        // A (controlling) never receives B's candidates: B's check teaches A a peer-reflexive remote,
        // A's triggered check on it succeeds, and that success alone must lead to nomination.
        let sim = Fixtures.simulation(seed: 41)
        sim.autoSignal = false
        sim.start()
        for event in sim.events[0] {
            if case .localCandidate(let candidate) = event { sim.signal(.candidate(candidate), to: 1) }
        }
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        let a = try #require(sim.agents[0].selectedPair)
        #expect(a.remote.type == .peerReflexive)
        let delay = sim.agents[0].configuration.nominationDelay
        #expect(sim.now < RTCInstant.zero + delay, "nominated after \(sim.now), not waiting the \(delay) nomination delay")
    }

    /// The success that makes the best pair valid sends the nomination (USE-CANDIDATE) with it,
    /// not from a timer due at once: a loop turn and a timer re-arm less on every connect.
    @Test func nominationLeavesWithTheResponseThatValidatedThePair() throws {
        let agents = Fixtures.agents(seed: 43)
        var a = agents[0]
        var b = agents[1]
        a.startGathering(now: .zero)
        b.startGathering(now: .zero)
        a.setRemoteCredentials(b.localCredentials, now: .zero)
        b.setRemoteCredentials(a.localCredentials, now: .zero)
        for candidate in b.localCandidates { a.addRemoteCandidate(candidate, now: .zero) }
        let checkOut = a.pollTransmit()
        let check = try #require(checkOut, "A's first check left when its pair formed")
        #expect(try STUNMessage.decode(check.payload).type == .bindingRequest)
        b.handle(check.payload, from: check.source, to: check.destination, now: .zero + .milliseconds(1))
        var response: Transmit?
        while let transmit = b.pollTransmit() {
            if try STUNMessage.decode(transmit.payload).type == .bindingSuccess { response = transmit }
        }
        let answer = try #require(response)
        a.handle(answer.payload, from: answer.source, to: answer.destination, now: .zero + .milliseconds(2))
        // No handleTimeout: the nomination must already be queued.
        let nominationOut = a.pollTransmit()
        let nomination = try #require(nominationOut, "no check left with the response")
        let message = try STUNMessage.decode(nomination.payload)
        #expect(message.type == .bindingRequest)
        #expect(message.hasUseCandidate)
        #expect(a.stats.checksSent == 2)
    }

    /// Through NAT the better pairs are the ones to the peer's private host addresses, and they
    /// never answer: once they have had a few round trips of the working pair, the controlling
    /// agent nominates without waiting out the whole nomination delay.
    @Test func unansweredBetterPairsDoNotHoldNominationForTheFullDelay() throws {
        let sim = Fixtures.simulation(seed: 42)
        sim.signalingDelay = .milliseconds(1)
        sim.start()
        // A host candidate of B's that nothing answers on (its private address in another home),
        // with a higher priority than the one that works.
        let unreachable = Candidate(foundation: "99", priority: Candidate.priority(type: .host, localPreference: 65535) + 1,
                                    address: TransportAddress("192.168.1.20:7000")!, type: .host)
        sim.agents[0].addRemoteCandidate(unreachable, now: sim.now)
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        let pair = try #require(sim.agents[0].selectedPair)
        #expect(pair.remote.address == Fixtures.hostB)
        let delay = sim.agents[0].configuration.nominationDelay
        #expect(sim.now < RTCInstant.zero + delay, "nominated after \(sim.now), the whole \(delay) nomination delay")
        #expect(sim.agents[0].pairs.contains { $0.remote.address == unreachable.address })
    }
}
