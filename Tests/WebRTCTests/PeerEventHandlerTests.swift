import RTCTestSupport
import Synchronization
import Testing
import WebRTC
import RTCBase

/// `PeerConnection.setEventHandler` and `addIceCandidate(_:completion:)`: events on the loop, no
/// task per event, trickle without waiting (issue 15: each event yielded to a waiting stream
/// woke a thread during connect).
@Suite("PeerConnection event handler", .timeLimit(.minutes(1)))
struct PeerEventHandlerTests {
    /// What the handlers saw: whether each call ran on its connection's loop, the events'
    /// names, and the errors the trickle completions reported.
    struct Seen {
        var offLoop = 0
        var answerer: [String] = []
        var offerer: [String] = []
        var trickleErrors: [PeerConnectionError] = []
        var trickled = 0
        /// The answerer's candidates come with its answer, before the offerer has it: W3C
        /// `addIceCandidate` refuses them until then, so they wait here (as an app's signaling
        /// queue would) until `offererHasAnswer`.
        var held: [String?] = []
        var offererHasAnswer = false
    }

    @Test("Handlers get every event on the loop, trickle without a task, and the streams stay empty")
    func handlersTrickleAndConnect() async throws {
        let loop = PeerConnectionLoop.next()
        let offerer = try await PeerConnection(loop: loop)
        let answerer = try await PeerConnection(loop: loop)
        let seen = Mutex(Seen())
        @Sendable func trickle(_ candidate: String?, to peer: PeerConnection) {
            peer.addIceCandidate(candidate) { error in
                seen.withLock { seen in
                    seen.trickled += 1
                    if let error { seen.trickleErrors.append(error) }
                }
            }
        }
        answerer.setEventHandler { event in
            let now: Bool = seen.withLock { seen in
                if !answerer.loop.inLoop { seen.offLoop += 1 }
                seen.answerer.append(Self.name(event))
                guard case .iceCandidate(let candidate) = event, !seen.offererHasAnswer else { return true }
                seen.held.append(candidate)
                return false
            }
            if now, case .iceCandidate(let candidate) = event { trickle(candidate, to: offerer) }
        }
        let channel = try await offerer.createDataChannel("handled")
        let offer = try await offerer.createOffer()
        try await offerer.setLocalDescription(offer)
        try await answerer.setRemoteDescription(offer)
        // The offerer's candidates came before its handler: they wait on its stream, in order,
        // ending with end-of-candidates (host candidates only, so gathering is already complete).
        let early = EventReader(offerer.events)
        var earlyCandidates = 0
        while let event = try await early.next(timeout: .seconds(10), "the offerer's early events") {
            guard case .iceCandidate(let candidate) = event else { continue }
            earlyCandidates += 1
            try await answerer.addIceCandidate(candidate)
            if candidate == nil { break }
        }
        offerer.setEventHandler { event in
            seen.withLock { seen in
                if !offerer.loop.inLoop { seen.offLoop += 1 }
                seen.offerer.append(Self.name(event))
            }
            if case .iceCandidate(let candidate) = event { trickle(candidate, to: answerer) }
        }
        let answer = try await answerer.createAnswer()
        try await answerer.setLocalDescription(answer)
        try await offerer.setRemoteDescription(answer)
        let held: [String?] = seen.withLock { seen in
            seen.offererHasAnswer = true
            defer { seen.held = [] }
            return seen.held
        }
        for candidate in held { trickle(candidate, to: offerer) }
        try await ChannelReader(channel).waitOpen()

        await offerer.close()
        await answerer.close()
        // Closing finishes the streams: what is left on them was never handed to a handler.
        var leftOnAnswererStream = 0
        for await _ in answerer.events { leftOnAnswererStream += 1 }
        var leftOnOffererStream = 0
        while try await early.next(timeout: .seconds(10), "the offerer's stream to finish") != nil { leftOnOffererStream += 1 }

        let result = seen.withLock { $0 }
        #expect(earlyCandidates >= 2, "a host candidate and end-of-candidates")
        #expect(result.offLoop == 0)
        #expect(leftOnAnswererStream == 0)
        #expect(leftOnOffererStream == 0)
        #expect(result.trickleErrors.isEmpty)
        #expect(result.trickled >= 2)
        #expect(result.answerer.contains("iceCandidate"))
        #expect(result.answerer.contains("connected"))
        #expect(result.offerer.contains("connected"))
    }

    @Test("A trickled candidate the connection refuses reports its error to the completion")
    func completionReportsRefusal() async throws {
        let peer = try await PeerConnection()
        let gate = OnceGate<PeerConnectionError?>()
        peer.addIceCandidate("candidate:1 1 udp 2130706431 127.0.0.1 9 typ host") { error in
            gate.finish(.success(error))
        }
        let error = try await withTimeout(.seconds(10), "the completion") { try await gate.wait().get() }
        guard case .noRemoteDescription? = error else {
            Issue.record("expected noRemoteDescription, got \(String(describing: error))")
            return
        }
        await peer.close()
    }

    private static func name(_ event: PeerEvent) -> String {
        switch event {
        case .iceCandidate: "iceCandidate"
        case .connectionStateChange(.connected): "connected"
        default: "other"
        }
    }
}
