import Foundation
import RTCTestSupport
import Testing
import WebRTC
import RTCBase

/// W3C `setLocalDescription()` without a description: the offer or answer made and applied in one
/// call (one trip to the event loop for a ``PeerConnection``).
@Suite("setLocalDescription() without a description", .timeLimit(.minutes(2)))
struct ImplicitDescriptionTests {
    @Test("It makes and applies the offer, then the answer, and the connection opens")
    func offerThenAnswer() async throws {
        let sim = try PeerSimulation()
        let channel = try sim.peers[0].createDataChannel("chat", now: sim.now)
        let offer = try sim.peers[0].setLocalDescription(now: sim.now)
        #expect(offer.type == .offer)
        #expect(offer.sdp.contains("a=setup:actpass"))
        #expect(sim.peers[0].signalingState == .haveLocalOffer)
        #expect(sim.peers[0].localDescription?.type == .offer)

        try sim.peers[1].setRemoteDescription(offer, now: sim.now)
        let answer = try sim.peers[1].setLocalDescription(now: sim.now)
        #expect(answer.type == .answer)
        #expect(answer.sdp.contains("a=setup:active"), "the answerer takes the DTLS client role (RFC 8842 §5.3)")
        #expect(sim.peers[1].signalingState == .stable)
        try sim.peers[0].setRemoteDescription(answer, now: sim.now)
        sim.drain()
        #expect(await sim.run { sim.opened(0, channel) && sim.remoteChannel(1, label: "chat") != nil })
        #expect(sim.peers[0].channelInfo(channel)?.id.map { $0 % 2 == 1 } == true,
                "the offerer is the DTLS server, so its ids are odd")
    }

    @Test("An offer that insists on active is answered passive")
    func answersPassive() async throws {
        let sim = try PeerSimulation()
        let offer = try sim.peers[0].createOffer()
        try sim.peers[0].setLocalDescription(offer, now: sim.now)
        let active = RTCSessionDescription(type: .offer,
                                           sdp: offer.sdp.replacingOccurrences(of: "a=setup:actpass", with: "a=setup:active"))
        try sim.peers[1].setRemoteDescription(active, now: sim.now)
        let answer = try sim.peers[1].setLocalDescription(now: sim.now)
        #expect(answer.sdp.contains("a=setup:passive"))
        #expect(!answer.sdp.contains("a=setup:active"))
    }

    @Test("With a local offer applied, it makes a new offer (W3C); after close it throws closed")
    func repeatsAndCloses() async throws {
        let sim = try PeerSimulation()
        let first = try sim.peers[0].setLocalDescription(now: sim.now)
        let second = try sim.peers[0].setLocalDescription(now: sim.now)
        #expect(first.type == .offer && second.type == .offer)
        #expect(sim.peers[0].signalingState == .haveLocalOffer)
        sim.peers[0].close(now: sim.now)
        #expect(throws: PeerConnectionError.closed) { try sim.peers[0].setLocalDescription(now: sim.now) }
    }

    @Test("On real sockets, both descriptions made implicitly open a channel that carries a message")
    func live() async throws {
        let pair = try await LivePair()
        let channel = try await pair.offerer.createDataChannel("implicit")
        try await pair.negotiate(implicit: true)
        let local = ChannelReader(channel)
        try await local.waitOpen()
        let remote = ChannelReader(try await pair.nextRemoteChannel())
        try await remote.waitOpen()
        try channel.send("hello")
        #expect(try await remote.nextMessage() == .text("hello"))
        #expect(pair.offerer.signalingState == .stable && pair.answerer.signalingState == .stable)
        await pair.close()
    }
}
