import RTCBase
import RTCTestSupport
import Synchronization
import Testing
import WebRTC

/// A task that prefers a connection's loop (``PeerConnectionLoop/taskExecutor``) makes the
/// connection's async calls on the loop's thread, at once, and reads its events there.
@Suite("A task on the connections' loop", .timeLimit(.minutes(2)))
struct LoopTaskExecutorTests {
    @Test("Offer, answer, open and a message both ways, every call made and resumed on the loop's thread")
    func negotiatesOnTheLoop() async throws {
        let loop = PeerConnectionLoop.next()
        let offerer = try await PeerConnection(configuration: PeerConnectionConfiguration(), loop: loop)
        let answerer = try await PeerConnection(configuration: PeerConnectionConfiguration(), loop: loop)
        let (remoteChannels, sink) = AsyncStream.makeStream(of: DataChannel.self)
        answerer.setDataChannelHandler { channel in sink.yield(channel) }

        let onLoop = try await withTaskExecutorPreference(loop.taskExecutor) {
            var onLoop: [Bool] = [loop.inLoop]
            let channel = try await offerer.createDataChannel("on-loop")
            onLoop.append(loop.inLoop)
            // Without trickle: each side's description carries its candidates (host only here).
            _ = try await offerer.setLocalDescription()
            await offerer.waitForGatheringComplete(timeout: .seconds(5))
            guard let offer = await offerer.localDescription() else { throw TimeoutError(what: "the offer") }
            onLoop.append(loop.inLoop)
            try await answerer.setRemoteDescription(offer)
            _ = try await answerer.setLocalDescription()
            await answerer.waitForGatheringComplete(timeout: .seconds(5))
            guard let answer = await answerer.localDescription() else { throw TimeoutError(what: "the answer") }
            onLoop.append(loop.inLoop)
            try await offerer.setRemoteDescription(answer)
            let arrived = try await withTimeout(.seconds(10), "the remote channel") {
                var channels = remoteChannels.makeAsyncIterator()
                guard let channel = await channels.next() else { throw TimeoutError(what: "the remote channel (stream ended)") }
                return channel
            }
            onLoop.append(loop.inLoop)
            let local = ChannelReader(channel)
            try await local.waitOpen()
            let far = ChannelReader(arrived)
            try await far.waitOpen()
            try channel.send("to the answerer")
            #expect(try await far.nextMessage() == .text("to the answerer"))
            try arrived.send("to the offerer")
            #expect(try await local.nextMessage() == .text("to the offerer"))
            onLoop.append(loop.inLoop)
            await offerer.close()
            await answerer.close()
            onLoop.append(loop.inLoop)
            return onLoop
        }
        #expect(onLoop == [true, true, true, true, true, true, true])
        #expect(offerer.connectionState == .closed)
    }

    @Test("A call from a task on the loop runs after what was queued before it: the handler set first sees its events")
    func keepsOrder() async throws {
        let loop = PeerConnectionLoop.next()
        let peer = try await PeerConnection(configuration: PeerConnectionConfiguration(), loop: loop)
        let seen = Mutex<[PeerSignalingState]>([])
        try await withTaskExecutorPreference(loop.taskExecutor) {
            peer.setEventHandler { event in
                if case .signalingStateChange(let state) = event { seen.withLock { $0.append(state) } }
            }
            _ = try await peer.setLocalDescription()
        }
        #expect(seen.withLock { $0 } == [.haveLocalOffer])
        await peer.close()
    }

    @Test("The same connection serves a task on the loop and a task of the global pool")
    func mixedCallers() async throws {
        let loop = PeerConnectionLoop.next()
        let peer = try await PeerConnection(configuration: PeerConnectionConfiguration(), loop: loop)
        let fromLoop = try await withTaskExecutorPreference(loop.taskExecutor) {
            try await peer.createDataChannel("loop").label
        }
        let fromPool = try await Task.detached { try await peer.createDataChannel("pool").label }.value
        let offer = try await peer.setLocalDescription()
        #expect([fromLoop, fromPool] == ["loop", "pool"])
        #expect(offer.sdp.contains("m=application"))
        await peer.close()
        await #expect(throws: PeerConnectionError.closed) {
            try await withTaskExecutorPreference(loop.taskExecutor) { _ = try await peer.createDataChannel("late") }
        }
    }
}
