import ICE
import RTCTestSupport
import STUN
import RTCBase
import Testing

/// A server-reflexive candidate is asked for again at each restart; when the NAT has moved the
/// mapping, the new one replaces the old (the audit's "per-generation lists grow per restart").
@Suite struct ServerReflexiveRestartTests {
    static let stun = TransportAddress("198.51.100.9:3478")!

    /// Answers every Binding request the agent sent to the STUN server with `mapped`.
    static func answerGathering(_ agent: inout ICEAgent, mapped: TransportAddress, now: RTCInstant) -> Int {
        var answered = 0
        var requests: [STUNMessage] = []
        while let transmit = agent.pollTransmit() {
            if transmit.destination == stun, let request = try? STUNMessage.decode(transmit.payload) { requests.append(request) }
        }
        for request in requests {
            let response = STUNMessage(type: .bindingSuccess, transactionID: request.transactionID,
                                       attributes: [.xorMappedAddress(mapped)])
            agent.handle(response.encode(fingerprint: true), from: stun, to: Fixtures.hostA, now: now)
            answered += 1
        }
        return answered
    }

    @Test("30 restarts on the same address, each mapped to a new port: one server-reflexive candidate, the newest, announced each time")
    func newMappingReplacesTheOld() {
        let configuration = Fixtures.configuration([Fixtures.hostA], servers: [ICEServer(address: Self.stun, kind: .stun)])
        var agent = ICEAgent(configuration: configuration, role: .controlling, random: SeededRandom(seed: 8))
        agent.startGathering(now: .zero)
        var now = RTCInstant.zero
        for round in 0..<30 {
            now = now + .seconds(1)
            // A restart after a network change that kept our address: the STUN server is asked again.
            if round > 0 { agent.restart(hostAddresses: [Fixtures.hostA], now: now) }
            let mapped = TransportAddress(ip: IPAddress("203.0.113.7")!, port: UInt16(50_000 + round))
            #expect(Self.answerGathering(&agent, mapped: mapped, now: now) == 1, "round \(round)")
            var announced: [TransportAddress] = []
            while let event = agent.pollEvent() {
                if case .localCandidate(let candidate) = event, candidate.type == .serverReflexive { announced.append(candidate.address) }
            }
            #expect(announced.last == mapped, "round \(round)")
            #expect(agent.localCandidates.filter { $0.type == .serverReflexive }.map(\.address) == [mapped], "round \(round)")
        }
    }
}
