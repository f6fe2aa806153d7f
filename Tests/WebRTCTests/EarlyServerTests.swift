import RTCTestSupport
import Testing
import WebRTC
import RTCBase

/// RFC 8842 §5.2: the `actpass` offerer must be prepared for the answerer's ClientHello before
/// the answer; ours answers it as the DTLS server at once and lets the answer's fingerprint
/// complete the handshake.
@Suite("The offerer answers a ClientHello that beats the answer", .timeLimit(.minutes(2)))
struct EarlyServerTests {
    /// Offer and answer made, the answer held back until the answerer's checks and ClientHello
    /// have reached the offerer and started its server.
    static func startedEarly(label: String) async throws -> (PeerSimulation, DataChannelHandle, RTCSessionDescription) {
        let sim = try PeerSimulation(conditions: NetworkConditions(delay: .milliseconds(5)))
        let channel = try sim.peers[0].createDataChannel(label, now: sim.now)
        let offer = try sim.peers[0].setLocalDescription(now: sim.now)
        try sim.peers[1].setRemoteDescription(offer, now: sim.now)
        let answer = try sim.peers[1].setLocalDescription(now: sim.now)
        #expect(await sim.run(until: { sim.peers[0].stats.counters.earlyServerHandshakes == 1 }, timeout: .seconds(5)))
        return (sim, channel, answer)
    }

    @Test("The handshake runs while the answer travels; the answer's fingerprint completes it")
    func handshakeBeforeTheAnswer() async throws {
        let (sim, channel, answer) = try await Self.startedEarly(label: "chat")
        _ = await sim.run(until: { false }, maxSteps: 100, timeout: .milliseconds(50))
        #expect(sim.peers[0].connectionState != .connected && sim.peers[1].connectionState != .connected,
                "without the answer's fingerprint the offerer never finishes the handshake")
        #expect(sim.peers[0].connectionState != .failed && sim.peers[1].connectionState != .failed)

        try sim.peers[0].setRemoteDescription(answer, now: sim.now)
        #expect(await sim.run { sim.opened(0, channel) && sim.remoteChannel(1, label: "chat") != nil })
        #expect(sim.peers[0].stats.counters.earlyServerHandshakes == 1)
        try sim.peers[0].send(.text("early"), on: channel, now: sim.now)
        let remote = try #require(sim.remoteChannel(1, label: "chat"))
        #expect(await sim.run { sim.messages[1][remote] == [.text("early")] })
    }

    @Test("A late answer with a wrong fingerprint fails the early handshake; no data flows")
    func wrongFingerprintAfterAnEarlyStart() async throws {
        let (sim, channel, answer) = try await Self.startedEarly(label: "secret")
        let wrong = answer.sdp.split(separator: "\r\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("a=fingerprint:") ? "a=fingerprint:sha-256 " + Array(repeating: "AB", count: 32).joined(separator: ":")
                                             : String(line)
        }.joined(separator: "\r\n")
        try sim.peers[0].setRemoteDescription(RTCSessionDescription(type: .answer, sdp: wrong), now: sim.now)
        #expect(await sim.run { sim.peers[0].connectionState == .failed })
        #expect(!sim.opened(0, channel) && sim.remoteChannel(1, label: "secret") == nil)
        #expect(sim.messages[0].isEmpty && sim.messages[1].isEmpty)
    }

    @Test("Only a ClientHello of epoch 0 starts a server")
    func recognisesClientHello() {
        var hello = [UInt8](repeating: 0, count: 25)
        hello[0] = 22; hello[1] = 0xFE; hello[2] = 0xFD; hello[13] = 1
        #expect(PeerConnectionCore.isClientHello(hello))
        var serverHello = hello; serverHello[13] = 2
        var encrypted = hello; encrypted[4] = 1
        var alert = hello; alert[0] = 21
        for bytes in [serverHello, encrypted, alert, Array(hello.prefix(13)), []] {
            #expect(!PeerConnectionCore.isClientHello(bytes))
        }
    }
}
