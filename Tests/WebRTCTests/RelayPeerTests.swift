import ICE
import RTCTestSupport
import Testing
import WebRTC

/// Relay-only peer connections through a real coturn on 127.0.0.1.
@Suite("PeerConnection through a TURN relay", .serialized, .timeLimit(.minutes(1)))
struct RelayPeerTests {
    @Test("iceTransportPolicy relay: both sides use relay candidates and a channel carries data end to end")
    func relayOnly() async throws {
        try #require(CoturnProcess.isInstalled, "coturn is not installed: run scripts/setup, which installs it")
        let coturn = try CoturnProcess(relayPorts: 49_500...49_700)
        defer { coturn.stop() }
        func configuration(_ user: String) -> PeerConnectionConfiguration {
            var configuration = PeerConnectionConfiguration(iceServers: [coturn.iceServer(user: user).server],
                                                            iceTransportPolicy: .relay)
            configuration.ice.gatheringTimeout = .seconds(5)
            return configuration
        }
        let pair = try await LivePair(offerer: configuration("alice"), answerer: configuration("bob"))
        do {
            let channel = try await pair.offerer.createDataChannel("relayed")
            try await pair.negotiate()
            let local = ChannelReader(channel)
            try await local.waitOpen(timeout: .seconds(20))
            let remote = ChannelReader(try await pair.nextRemoteChannel(timeout: .seconds(20)))
            let payload = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 * 13) }
            try channel.send(payload)
            #expect(try await remote.nextMessage() == .binary(payload))
            let stats = try await pair.offerer.stats()
            let pairUsed = try #require(stats.selectedPair)
            #expect(pairUsed.local.type == .relay, "the offerer sends through its relay")
            #expect(pairUsed.remote.type == .relay, "to the answerer's relay")
            let offer = await pair.offerer.localDescription()
            #expect(offer?.sdp.contains("typ host") == false, "a relay-only peer signals no host candidate")
        } catch {
            print("coturn log:\n\(coturn.log)")
            await pair.close()
            throw error
        }
        await pair.close()
        #expect(coturn.isRunning)
    }
}
