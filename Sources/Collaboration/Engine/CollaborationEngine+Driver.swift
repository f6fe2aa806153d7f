import Foundation
import Logging
import SignalingClient
import SignalingProtocol
import Synchronization
import WebRTC

/// The thin driver around `EngineCore`: feeds it inputs, performs its actions.
extension CollaborationEngine {
    /// Runs `body` on the core under its lock. Actions that await are queued for the performer
    /// there, so they keep the core's order whoever calls; events and logs go out after the lock.
    func withCore<E: Error>(_ body: (inout EngineCore) throws(E) -> [EngineAction]) throws(E) {
        let local = try core.withLock { core throws(E) -> [EngineAction] in
            let actions = try body(&core)
            // The receive path (one event per message) allocates nothing more.
            guard actions.contains(where: { !Self.runsHere($0) }) else { return actions }
            var local: [EngineAction] = []
            for action in actions {
                if !Self.runsHere(action) {
                    // Counted before the yield: the performer may take it at once.
                    performerState.withLock { $0.queued += 1 }
                    if case .enqueued = workSink.yield(.action(action)) { continue }
                    performerState.withLock { $0.queued -= 1 }
                }
                local.append(action)
            }
            return local
        }
        for action in local { performNow(action) }
    }

    /// Whether `action` runs on the caller's thread (events, logs, timers) rather than the performer.
    private static func runsHere(_ action: EngineAction) -> Bool {
        switch action {
        case .emit, .log, .armMIDIFlush, .armMIDIPlayout: true
        default: false
        }
    }

    /// Feeds one input to the core at the current instant.
    func apply(_ input: EngineInput) {
        let now = clock()
        withCore { core in core.handle(input, now: now) }
    }

    /// Maps what the signaling client reports to core inputs.
    func signalingEvent(_ event: SignalingEvent) {
        switch event {
        case .state(.connected): apply(.signalingUp(true))
        case .state(.reconnecting): apply(.signalingUp(false))
        case .state: break
        case .resumed(let membership): apply(.resumed(RoomSnapshot(membership)))
        case .resumeFailed(let error, _): apply(.resumeFailed(error))
        case .message(let message): apply(.server(message))
        case .serverClosed(let code, let reason):
            logger.info("signaling server closed the connection", metadata: ["code": "\(code)", "reason": "\(reason ?? "")"])
        }
    }

    /// Waits until everything queued for the performer so far has been done.
    func barrier() async {
        await withCheckedContinuation { continuation in
            switch workSink.yield(.barrier(continuation)) {
            case .enqueued: break
            default: continuation.resume()
            }
        }
    }

    /// What runs on the caller's thread: events, logs, timers; and a link to close when the
    /// performer is gone (closed engine) or its queue is full.
    private func performNow(_ action: EngineAction) {
        switch action {
        case .emit(let event):
            emit(event)
        case .log(let level, let message, let peer):
            let metadata: Logger.Metadata? = peer.map { ["peer": .string($0.uuidString)] }
            logger.log(level: level, "\(message)", metadata: metadata)
        case .armMIDIFlush(let delay):
            loop.execute(after: delay) { [weak self] in self?.apply(.midiFlush) }
        case .armMIDIPlayout(let delay):
            loop.execute(after: delay) { [weak self] in self?.apply(.midiPlayout) }
        case .closeLink(let link):
            Task { await link.close() }
        default:
            logger.warning("engine work queue full or closed: a link step was dropped; the restart rule recovers")
        }
    }

    func perform(_ work: DriverWork) async {
        switch work {
        case .barrier(let continuation):
            continuation.resume()
        case .action(let action):
            await perform(action)
        }
    }

    private func perform(_ action: EngineAction) async {
        switch action {
        case .signal(let message):
            do {
                switch message {
                case .offer(let peer, let sdp): try await signaling.sendOffer(to: peer, sdp: sdp)
                case .answer(let peer, let sdp): try await signaling.sendAnswer(to: peer, sdp: sdp)
                case .candidate(let peer, let candidate, let mid):
                    try await signaling.sendCandidate(
                        to: peer, candidate: ICECandidateInit(candidate: candidate, sdpMid: mid ?? "0", sdpMLineIndex: 0))
                }
            } catch {
                // The socket dropped: after the resume the offerer offers again.
                logger.debug("could not signal", metadata: ["error": "\(error)"])
            }
        case .makeLink(let peer, let generation, let servers, let mid):
            await makeLink(to: peer, generation: generation, iceServers: servers, mid: mid)
        case .restartLink(let peer, let generation, let servers, let mid, let old):
            if let old { await old.close() }
            await makeLink(to: peer, generation: generation, iceServers: await freshICEServers(or: servers), mid: mid)
        case .restartIce(let peer, let generation, let link, let servers):
            do {
                try await link.restartIce(iceServers: await freshICEServers(or: servers))
                let sdp = try await link.createOffer()
                apply(.link(peer: peer, generation: generation, .offerCreated(sdp)))
            } catch {
                apply(.link(peer: peer, generation: generation, .negotiationFailed(error)))
            }
        case .createOffer(let peer, let generation, let link):
            do {
                let sdp = try await link.createOffer()
                apply(.link(peer: peer, generation: generation, .offerCreated(sdp)))
            } catch {
                apply(.link(peer: peer, generation: generation, .negotiationFailed(error)))
            }
        case .acceptOffer(let peer, let generation, let link, let sdp):
            do {
                let answer = try await link.acceptOffer(sdp)
                apply(.link(peer: peer, generation: generation, .answerCreated(answer)))
            } catch {
                apply(.link(peer: peer, generation: generation, .negotiationFailed(error)))
            }
        case .acceptAnswer(let peer, let generation, let link, let sdp):
            do {
                try await link.acceptAnswer(sdp)
                apply(.link(peer: peer, generation: generation, .answerApplied))
            } catch {
                apply(.link(peer: peer, generation: generation, .negotiationFailed(error)))
            }
        case .addCandidates(let link, let candidates):
            for candidate in candidates {
                do {
                    try await link.addRemoteCandidate(candidate)
                } catch {
                    logger.debug("candidate refused", metadata: ["error": "\(error)"])
                }
            }
        case .closeLink(let link):
            await link.close()
        case .leaveRoom:
            try? await signaling.leave()
        case .emit, .log, .armMIDIFlush, .armMIDIPlayout:
            performNow(action)
        }
    }

    /// The servers to restart a link with: fresh ones from the server (TURN credentials expire, and
    /// a restart with an expired one would fail silently), else `known` (an older server, or
    /// signaling down: the link may still come up without TURN).
    private func freshICEServers(or known: [ICEServer]) async -> [ICEServer] {
        // Not while the signaling socket is being replaced: the request would wait out its timeout.
        guard !known.isEmpty, await signaling.state == .connected else { return known }
        do {
            let fresh = try await signaling.refreshICEServers()
            apply(.iceServers(fresh))
            return fresh
        } catch {
            logger.debug("keeping the ICE servers we have", metadata: ["reason": "\(error)"])
            return known
        }
    }

    private func makeLink(to peer: UUID, generation: UInt64, iceServers: [ICEServer], mid: String) async {
        do {
            let link = try await transport.makeLink(iceServers: iceServers, mid: mid) { [weak self] event in
                self?.apply(.link(peer: peer, generation: generation, .event(event)))
            }
            apply(.link(peer: peer, generation: generation, .made(link)))
        } catch {
            apply(.link(peer: peer, generation: generation, .makeFailed(error)))
        }
    }

    func emit(_ event: EngineEvent) {
        if let recorder = recorder.withLock({ $0 }) { record(event, into: recorder) }
        switch event {
        case .audio(let peer, let frame) where configuration.receivesAudio:
            audioOutput.receive(frame, from: peer, now: clock())
        case .participantLeft(let peer, _):
            audioOutput.remove(peer)
        default:
            break
        }
        switch event {
        case .midi, .bio, .audio:
            if let handler = mediaHandler.withLock({ $0.handler }) {
                handler(event)
                return
            }
        default:
            break
        }
        eventSink.yield(event)
    }
}
