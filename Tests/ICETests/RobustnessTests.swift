import ICE
import RTCTestSupport
import STUN
import RTCBase
import Testing

/// Hostile input into a connected agent and a TURN client: never a crash, never a state change
/// that an attacker without the password could cause.
@Suite struct RobustnessTests {
    @Test func mutatedPacketsIntoConnectedAgent() throws {
        let sim = Fixtures.simulation(seed: 101)
        sim.start()
        #expect(sim.progress(until: { $0.bothConnected }, timeout: .seconds(5)))
        let selected = try #require(sim.agents[1].selectedPair)
        // Seeds: a valid check from A to B and a valid response, captured by re-encoding.
        let credentialsA = sim.agents[0].localCredentials, credentialsB = sim.agents[1].localCredentials
        var random = SeededRandom(seed: 5)
        let check = STUNMessage(type: .bindingRequest, transactionID: .random(using: &random), attributes: [
            .username("\(credentialsB.ufrag):\(credentialsA.ufrag)"), .priority(1), .iceControlling(1), .useCandidate,
        ]).encode(key: .shortTerm(password: credentialsB.pwd), fingerprint: true)
        let response = STUNMessage(type: .bindingSuccess, transactionID: .random(using: &random),
                                   attributes: [.xorMappedAddress(Fixtures.hostB)])
            .encode(key: .shortTerm(password: credentialsA.pwd), fingerprint: true)
        let turnish = ChannelData(channel: 0x4001, data: [1, 2, 3]).encode()
        let seeds = [check, response, turnish, [0x17, 0xFE, 0xFD, 0, 1]]
        let attacker = TransportAddress("10.6.6.6:666")!
        var agent = sim.agents[1]
        var answered = 0
        for iteration in 0..<20_000 {
            let seed = seeds[iteration % seeds.count]
            var bytes = seed
            for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if Int.random(in: 0..<10, using: &random) == 0 { bytes.removeLast(Int.random(in: 0...bytes.count, using: &random)) }
            agent.handle(bytes, from: iteration % 2 == 0 ? attacker : Fixtures.hostA, to: Fixtures.hostB, now: sim.now)
            while let transmit = agent.pollTransmit() {
                // An unchanged packet is a replay of a genuine check, which STUN does answer.
                // Our own checks to a replayed address are requests, not answers.
                let isResponse = (try? STUNMessage.decode(transmit.payload))?.type.messageClass != .request
                // Bytes after MESSAGE-INTEGRITY (the FINGERPRINT attribute, 8 bytes) are not authenticated:
                // turning FINGERPRINT into an unknown optional attribute leaves a genuine, replayed check.
                let authenticatedChanged = bytes.count != seed.count || bytes.prefix(seed.count - 8) != seed.prefix(seed.count - 8)
                if transmit.destination == attacker && authenticatedChanged && isResponse { answered += 1 }
            }
            while agent.pollEvent() != nil {}
        }
        #expect(answered == 0, "nothing unauthenticated is ever answered")
        #expect(agent.selectedPair?.id == selected.id)
        #expect(agent.role == .controlled)
        #expect(agent.connectionState == .completed || agent.connectionState == .connected)
        #expect(agent.stats.droppedPackets + agent.stats.badIntegrityMessages + agent.stats.unauthenticatedRequests > 10_000)
    }

    @Test func mutatedPacketsIntoTURNClient() {
        var harness = TURNClientTests.Harness()
        var random = SeededRandom(seed: 6)
        let seeds = [
            ChannelData(channel: 0x4000, data: [9, 9]).encode(),
            STUNMessage(type: .init(method: .data, class: .indication), transactionID: .random(using: &random),
                        attributes: [.xorPeerAddress(TURNClientTests.peer), .data([1])]).encode(fingerprint: true),
            STUNMessage(type: .init(method: .refresh, class: .errorResponse), transactionID: .random(using: &random),
                        attributes: [.errorCode(.staleNonce), .nonce("x"), .realm("y")]).encode(fingerprint: true),
        ]
        for iteration in 0..<20_000 {
            var bytes = seeds[iteration % seeds.count]
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            harness.client.handle(bytes, now: harness.now)
            while harness.client.pollEvent() != nil {}
            while harness.client.pollTransmit() != nil {}
        }
        #expect(harness.client.relayedAddress != nil, "the allocation survives garbage")
    }
}
