import ICE
import RTCTestSupport
import RTCBase
import Testing
import WebRTC

/// ICE restart on a live connection (RFC 8445 §9): new credentials through a new offer/answer,
/// while DTLS, SCTP and the channel stay up, so nothing sent is lost.
@Suite("ICE restart over loopback", .timeLimit(.minutes(2)))
struct ICERestartTests {
    @Test("The address under the selected pair goes away: the link moves to the other one, the channel stays open")
    func restartMovesToAnotherAddress() async throws {
        let first = TransportAddress("127.0.0.1:0")!
        let second = TransportAddress("127.0.0.2:0")!
        var moving = PeerConnectionConfiguration()
        moving.hostAddresses = [first, second]
        let pair = try await LivePair(offerer: moving)
        let channel = try await pair.offerer.createDataChannel("chat")
        try await pair.negotiate()
        let local = ChannelReader(channel)
        try await local.waitOpen()
        let remote = ChannelReader(try await pair.nextRemoteChannel())
        try await remote.waitOpen()
        try channel.send("before")
        #expect(try await remote.nextMessage() == .text("before"))
        let before = try #require(try await pair.offerer.stats().selectedCandidatePair)
        // Either address may carry the first pair (under load the lower-priority pair can be
        // nominated first): the one in use vanishes, the other stays.
        #expect(before.local.address.ip == first.ip || before.local.address.ip == second.ip)
        let kept = before.local.address.ip == first.ip ? second : first
        let credentials = await pair.answerer.localDescription().map { $0.sdp }

        // The address under the selected pair vanishes; the offerer restarts on the other and renegotiates.
        try await pair.offerer.restartIce(hostAddresses: [kept])
        // Sent while no pair works: ICE holds them and sends them on the new pair.
        for index in 0..<5 { try channel.send("during \(index)") }
        let offer = try await pair.offerer.createOffer()
        try await pair.offerer.setLocalDescription(offer)
        try await pair.answerer.setRemoteDescription(offer)
        let answer = try await pair.answerer.createAnswer()
        try await pair.answerer.setLocalDescription(answer)
        try await pair.offerer.setRemoteDescription(answer)
        #expect(answer.sdp.contains("a=setup:active"), "the answerer keeps its DTLS role")
        #expect(credentials.map { !$0.contains(Self.ufrag(of: answer.sdp) ?? "?") } == true,
                "the answerer drew new ICE credentials (RFC 8839 §4.4.1.1.2)")

        // Held by ICE while no pair works, they leave as soon as the new pair is selected; the
        // wait covers the new generation's checks on a machine busy with the whole suite.
        #expect(try await remote.nextMessage(timeout: .seconds(30)) == .text("during 0"))
        for index in 1..<5 { #expect(try await remote.nextMessage() == .text("during \(index)")) }
        try channel.send("after")
        #expect(try await remote.nextMessage() == .text("after"))
        let after = try #require(try await pair.offerer.stats().selectedCandidatePair)
        #expect(after.local.address.ip == kept.ip)
        #expect(after.generation == before.generation + 1)
        #expect((try await pair.offerer.stats().ice?.heldWhileMoving ?? 0) >= 1, "ICE held what SCTP sent during the move")
        #expect(channel.readyState == .open)
        #expect(pair.offerer.connectionState == .connected && pair.answerer.connectionState == .connected)
        await pair.close()
    }

    @Test("A restart before any negotiation is refused with the signaling state, not a crash")
    func restartBeforeNegotiation() async throws {
        let connection = try await PeerConnection()
        await #expect(throws: PeerConnectionError.invalidSignalingState(.stable)) {
            try await connection.restartIce()
        }
        await connection.close()
    }

    static func ufrag(of sdp: String) -> String? {
        sdp.split(whereSeparator: \.isNewline).first { $0.hasPrefix("a=ice-ufrag:") }.map { String($0.dropFirst(12)) }
    }
}
