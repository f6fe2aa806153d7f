import ICE
import RTCDriver
import RTCTestSupport
import Testing
import WebRTC
import RTCBase

/// Relay-only peer connections through a real coturn on 127.0.0.1, whose TURN clients reach it
/// over UDP, TCP (`turn:...?transport=tcp`) or TLS (`turns:`, with a CA made by the test and
/// trusted through the configuration).
@Suite("PeerConnection through a TURN relay", .serialized, .timeLimit(.minutes(1)))
struct RelayPeerTests {
    @Test("iceTransportPolicy relay: both sides use relay candidates and a channel carries data end to end",
          arguments: [(TURNTransport.udp, TURNTransport.udp), (.tcp, .tls)])
    func relayOnly(offererTransport: TURNTransport, answererTransport: TURNTransport) async throws {
        try #require(CoturnProcess.isInstalled, "coturn is not installed: run scripts/setup, which installs it")
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let coturn = try CoturnProcess(relayPorts: 49_500...49_700, tcp: true, tls: try authority.issueServer())
        defer { coturn.stop() }
        try await coturn.waitUntilListening()
        func configuration(_ user: String, _ transport: TURNTransport) -> PeerConnectionConfiguration {
            var configuration = PeerConnectionConfiguration(iceTransportPolicy: .relay)
            configuration.resolvedIceServers = [coturn.iceServer(user: user, transport: transport).server]
            configuration.ice.gatheringTimeout = .seconds(5)
            configuration.relayTransport.additionalTrustRootsPEM = [authority.certificatePEM]
            return configuration
        }
        let pair = try await LivePair(offerer: configuration("alice", offererTransport),
                                      answerer: configuration("bob", answererTransport))
        do {
            let channel = try await pair.offerer.createDataChannel("relayed")
            try await pair.negotiate()
            let local = ChannelReader(channel)
            try await local.waitOpen(timeout: .seconds(20))
            let remote = ChannelReader(try await pair.nextRemoteChannel(timeout: .seconds(20)))
            let payload = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 * 13) }
            try channel.send(payload)
            #expect(try await remote.nextMessage() == .binary(payload))
            try remote.channel.send("and back")
            #expect(try await local.nextMessage() == .text("and back"))
            let offererPair = try #require(try await pair.offerer.stats().selectedCandidatePair)
            let answererPair = try #require(try await pair.answerer.stats().selectedCandidatePair)
            #expect(offererPair.local.type == .relay, "the offerer sends through its relay")
            #expect(offererPair.remote.type == .relay, "to the answerer's relay")
            #expect(offererPair.relayProtocol == offererTransport && answererPair.relayProtocol == answererTransport)
            #expect(offererPair.localTypeDescription == "relay/\(offererTransport.rawValue)")
            let offer = await pair.offerer.localDescription()
            #expect(offer?.sdp.contains("typ host") == false, "a relay-only peer signals no host candidate")
            #expect(offer?.sdp.contains(" tcp ") == false, "a relayed address is UDP whatever reaches the server")
        } catch {
            print("coturn log:\n\(coturn.log)")
            await pair.close()
            throw error
        }
        await pair.close()
        #expect(coturn.isRunning)
    }
}
