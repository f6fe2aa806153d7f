import ICE
import RTCTestSupport
import STUN
import RTCBase
import Testing

/// Checks are authenticated with short-term credentials; anything else gets no answer at all.
@Suite struct AuthenticationTests {
    static let attacker = TransportAddress("10.6.6.6:666")!

    /// An agent with known credentials, gathering done, remote credentials set.
    static func agent() -> ICEAgent {
        var agent = ICEAgent(configuration: Fixtures.configuration([Fixtures.hostA]), role: .controlled,
                             localCredentials: ICECredentials(ufrag: "locl", pwd: "local-password-1234567890"),
                             random: SeededRandom(seed: 5))
        agent.startGathering(now: .zero)
        agent.setRemoteCredentials(ICECredentials(ufrag: "remt", pwd: "remote-password-123456789"), now: .zero)
        while agent.pollEvent() != nil {}
        while agent.pollTransmit() != nil {}
        return agent
    }

    static func request(username: String?, password: String?, extra: [STUNAttribute] = [], seed: UInt64 = 9) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        var attributes: [STUNAttribute] = [.priority(1_845_501_695), .iceControlling(42)] + extra
        if let username { attributes.insert(.username(username), at: 0) }
        let message = STUNMessage(type: .bindingRequest, transactionID: .random(using: &random), attributes: attributes)
        return message.encode(key: password.map { .shortTerm(password: $0) }, fingerprint: true)
    }

    static func transmits(_ agent: inout ICEAgent) -> [Transmit] {
        var out: [Transmit] = []
        while let transmit = agent.pollTransmit() { out.append(transmit) }
        return out
    }

    @Test func badIntegrityGetsNoResponseAndIsCounted() {
        var agent = Self.agent()
        agent.handle(Self.request(username: "locl:remt", password: "wrong-password-xxxxxxxxx"),
                     from: Self.attacker, to: Fixtures.hostA, now: .zero)
        #expect(Self.transmits(&agent).isEmpty)
        #expect(agent.stats.badIntegrityMessages == 1)
        #expect(agent.remoteCandidates.isEmpty, "no peer-reflexive candidate from an unauthenticated request")
        #expect(agent.pairs.isEmpty)
    }

    @Test func missingOrForeignCredentialsGetNoResponse() {
        var agent = Self.agent()
        agent.handle(Self.request(username: nil, password: nil), from: Self.attacker, to: Fixtures.hostA, now: .zero)
        agent.handle(Self.request(username: "locl:remt", password: nil), from: Self.attacker, to: Fixtures.hostA, now: .zero)
        agent.handle(Self.request(username: "other:remt", password: "local-password-1234567890"),
                     from: Self.attacker, to: Fixtures.hostA, now: .zero)
        #expect(Self.transmits(&agent).isEmpty)
        #expect(agent.stats.unauthenticatedRequests == 3)
        // Garbage is dropped and counted too.
        agent.handle([0x00, 0x01, 0x00], from: Self.attacker, to: Fixtures.hostA, now: .zero)
        #expect(agent.stats.droppedPackets == 1)
        #expect(Self.transmits(&agent).isEmpty)
    }

    @Test func validRequestIsAnsweredWithMappedAddress() throws {
        var agent = Self.agent()
        let source = TransportAddress("10.0.0.2:6000")!
        agent.handle(Self.request(username: "locl:remt", password: "local-password-1234567890"),
                     from: source, to: Fixtures.hostA, now: .zero)
        let out = Self.transmits(&agent)
        let response = try #require(out.first { $0.destination == source && STUNMessage.isSTUN($0.payload) })
        #expect(response.source == Fixtures.hostA)
        let message = try STUNMessage.decode(response.payload)
        #expect(message.type == .bindingSuccess)
        #expect(message.mappedAddress == source)
        #expect(message.hasFingerprint)
        #expect(STUNMessage.checkIntegrity(of: response.payload, key: .shortTerm(password: "local-password-1234567890")) == .valid)
        #expect(agent.stats.requestsAnswered == 1)
        #expect(agent.remoteCandidates.first?.type == .peerReflexive)
        #expect(agent.remoteCandidates.first?.priority == 1_845_501_695)
    }

    @Test func unknownComprehensionRequiredAttributeGets420() throws {
        var agent = Self.agent()
        let request = Self.request(username: "locl:remt", password: "local-password-1234567890",
                                   extra: [.unknown(type: 0x0077, value: [1, 2, 3, 4]), .unknown(type: 0xC001, value: [])])
        agent.handle(request, from: Self.attacker, to: Fixtures.hostA, now: .zero)
        let out = Self.transmits(&agent)
        #expect(out.count == 1)
        let message = try STUNMessage.decode(try #require(out.first).payload)
        #expect(message.type == .bindingError)
        #expect(message.errorCode?.code == 420)
        #expect(message.attributes.contains(.unknownAttributes([0x0077])), "only comprehension-required types are listed")
        #expect(agent.stats.unknownAttributeResponses == 1)
    }

    @Test func responsesWithBadIntegrityAreIgnored() throws {
        var agent = Self.agent()
        let remote = TransportAddress("10.0.0.2:6000")!
        agent.addRemoteCandidate(Candidate(foundation: "9", priority: 2_130_706_431, address: remote, type: .host), now: .zero)
        agent.handleTimeout(now: .zero)
        let check = try #require(Self.transmits(&agent).first { $0.destination == remote })
        let request = try STUNMessage.decode(check.payload)
        #expect(request.username == "remt:locl")
        #expect(request.iceControlled != nil && request.priority != nil)
        #expect(STUNMessage.checkIntegrity(of: check.payload, key: .shortTerm(password: "remote-password-123456789")) == .valid)
        let response = STUNMessage(type: .bindingSuccess, transactionID: request.transactionID,
                                   attributes: [.xorMappedAddress(Fixtures.hostA)])
        agent.handle(response.encode(key: .shortTerm(password: "forged-password-xxxxxxxx"), fingerprint: true),
                     from: remote, to: Fixtures.hostA, now: .zero + .milliseconds(5))
        #expect(agent.stats.badIntegrityMessages == 1)
        #expect(agent.pairs.first?.state == .inProgress)
        agent.handle(response.encode(key: .shortTerm(password: "remote-password-123456789"), fingerprint: true),
                     from: remote, to: Fixtures.hostA, now: .zero + .milliseconds(6))
        #expect(agent.pairs.first?.state == .succeeded)
    }
}
