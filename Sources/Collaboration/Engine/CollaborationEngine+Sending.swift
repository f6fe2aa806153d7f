public import Foundation
import Logging
public import SignalingProtocol
import Synchronization

extension CollaborationEngine {
    /// Queues MIDI events for the next 10 ms batch to every peer.
    ///
    /// Timestamps are on ``now()`` (the sender's clock; receivers convert with the measured
    /// offset); a timestamp of 0 means now.
    ///
    /// - Throws: `notInSession`, `notAllowed` for a spectator, `muted` when the host muted us.
    public func send(midi events: [MIDIEvent]) throws(EngineError) {
        let now = clock()
        let scheduleFlush: Bool = try state.withLock { state throws(EngineError) in
            try Self.checkMedia(state)
            for event in events {
                state.batcher.add(event.timestamp == 0 ? event.at(now) : event, now: now)
            }
            guard !state.midiFlushScheduled, state.batcher.pendingCount > 0 else { return false }
            state.midiFlushScheduled = true
            return true
        }
        if scheduleFlush { scheduleMIDIFlush() }
    }

    /// Sends a bio sample to every peer, stamped now and sealed when the room has a secret;
    /// it also counts in ``groupBio`` as ours.
    ///
    /// - Throws: `notInSession`, `notAllowed` for a spectator, `seal` if sealing fails.
    public func send(bio sample: BioSample) throws(EngineError) {
        let now = clock()
        try state.withLock { state throws(EngineError) in
            guard let localID = state.localID else { throw .notInSession }
            guard state.localRole != .spectator else { throw .notAllowed("spectators send only chat") }
            var stamped = sample
            stamped.timestamp = now
            state.group.record(stamped, from: localID, now: now)
            let bytes: [UInt8]
            if let keys = state.keys {
                do throws(SealError) {
                    bytes = try keys.bioSealer.seal(stamped, sender: localID, using: &state.random)
                } catch {
                    throw .seal(error)
                }
            } else {
                bytes = stamped.encoded()
            }
            broadcast(bytes, on: .bio, state: &state)
        }
    }

    /// Sends a chat line to every peer (queued for peers whose link is not up yet).
    ///
    /// - Throws: `notInSession`; `payload(.lengthOverLimit)` over 4096 bytes of UTF-8.
    public func send(chat text: String) throws(EngineError) {
        let message: ChatMessage
        do throws(PayloadError) {
            message = try ChatMessage(text)
        } catch {
            throw .payload(error)
        }
        try state.withLock { state throws(EngineError) in
            guard state.localID != nil else { throw .notInSession }
            broadcast(message.encoded(), on: .chat, state: &state)
        }
    }

    /// Sends an audio frame to every connected peer. Peers whose audio channel has more than
    /// `EngineLimits.audioBufferedBytes` unsent skip this frame (counted as dropped).
    ///
    /// - Throws: `notInSession`, `notAllowed` for a spectator, `muted`.
    public func send(audio frame: AudioFrame) throws(EngineError) {
        let bytes = frame.encoded()
        try state.withLock { state throws(EngineError) in
            try Self.checkMedia(state)
            broadcast(bytes, on: .audio, state: &state)
        }
    }

    /// Host only: mutes or unmutes a participant for everyone (its MIDI and audio are dropped).
    public func mute(_ participant: UUID, _ muted: Bool = true) throws(EngineError) {
        try state.withLock { state throws(EngineError) in
            guard let localID = state.localID else { throw .notInSession }
            guard state.hostID == localID else { throw .notAllowed("only the host mutes") }
            if participant == localID { state.localMuted = muted } else { state.peers[participant]?.muted = muted }
            broadcast(ControlMessage.mute(participant: participant, muted: muted).encoded(), on: .control, state: &state)
        }
        publishParticipant(participant)
    }

    /// Host only: gives a participant the co-host, participant or spectator role (the host role
    /// moves only through the server's host migration).
    public func setRole(_ role: ParticipantRole, for participant: UUID) throws(EngineError) {
        try state.withLock { state throws(EngineError) in
            guard let localID = state.localID else { throw .notInSession }
            guard state.hostID == localID else { throw .notAllowed("only the host assigns roles") }
            guard role != .host, participant != localID else { throw .notAllowed("the host role moves only by migration") }
            guard state.peers[participant] != nil else { throw .notAllowed("no such participant") }
            state.peers[participant]?.role = role
            broadcast(ControlMessage.role(participant: participant, role: role).encoded(), on: .control, state: &state)
        }
        publishParticipant(participant)
    }

    /// Host or co-host: a transport action for everyone, taking effect at `at` on our clock
    /// (default: now + 100 ms); receivers get it converted to their clock.
    public func transport(_ command: TransportCommand, at: Int64? = nil) throws(EngineError) {
        let when = at ?? clock().addingSaturating(100_000)
        try state.withLock { state throws(EngineError) in
            guard state.localID != nil else { throw .notInSession }
            guard state.localRole == .host || state.localRole == .coHost else {
                throw .notAllowed("only the host and co-hosts drive the transport")
            }
            broadcast(ControlMessage.transport(command, at: when).encoded(), on: .control, state: &state)
        }
    }

    /// Sends raw bytes on one channel to one peer, bypassing the codecs (tests: malformed input).
    package func sendRaw(_ bytes: [UInt8], on channel: EngineChannel, to peer: UUID) throws(EngineError) {
        let link = state.withLock { $0.peers[peer]?.link }
        guard let link else { throw .transport("no link to \(peer)") }
        try link.send(bytes, on: channel)
    }

    // MARK: internals

    static func checkMedia(_ state: EngineState) throws(EngineError) {
        guard state.localID != nil else { throw .notInSession }
        guard state.localRole != .spectator else { throw .notAllowed("spectators send only chat") }
        guard !state.localMuted else { throw .muted }
    }

    /// Sends to every peer (or just `only`): reliable channels keep each message until the peer
    /// acknowledges it (bounded); bio and audio go to open channels under their buffered limit only.
    func broadcast(_ bytes: [UInt8], on channel: EngineChannel, to only: UUID? = nil, state: inout EngineState) {
        let limit = configuration.limits
        for id in only.map({ [$0] }) ?? state.order {
            guard state.peers[id] != nil else { continue }
            Self.deliver(bytes, on: channel, peer: &state.peers[id]!, limits: limit)
        }
    }

    /// Reliable channels: numbered into the peer's outbox (kept until acknowledged, bounded) and
    /// sent when the channel is open. Bio and audio: see ``deliverPlain(_:on:peer:limits:)``.
    static func deliver(_ bytes: [UInt8], on channel: EngineChannel, peer: inout PeerRecord, limits: EngineLimits) {
        guard !peer.refused else { return }
        guard channel.isReliable else {
            deliverPlain(bytes, on: channel, peer: &peer, limits: limits)
            return
        }
        if peer.outboxes[channel]?.append(bytes) == true { peer.count(channel) { $0.dropped += 1 } }
        pump(channel, peer: &peer)
    }

    /// Sends now, unnumbered, or not at all: bio and audio (under their buffered limits) and the
    /// link-local control messages (hello, ping, pong, ack).
    static func deliverPlain(_ bytes: [UInt8], on channel: EngineChannel, peer: inout PeerRecord, limits: EngineLimits) {
        guard !peer.refused, let link = peer.link, peer.openChannels.contains(channel) else {
            peer.count(channel) { $0.dropped += 1 }
            return
        }
        switch channel {
        case .audio where link.bufferedAmount(on: .audio) > limits.audioBufferedBytes,
             .bio where link.bufferedAmount(on: .bio) > limits.bioBufferedBytes:
            peer.count(channel) { $0.dropped += 1 }
            return
        default:
            break
        }
        do {
            try link.send(bytes, on: channel)
            peer.count(channel) { $0.sent += 1 }
        } catch {
            peer.count(channel) { $0.dropped += 1 }
        }
    }

    /// Hands the outbox of a reliable channel to the link, in order, until the link refuses
    /// (queue full: the rest waits for the next tick) or nothing is left.
    static func pump(_ channel: EngineChannel, peer: inout PeerRecord) {
        guard let link = peer.link, peer.openChannels.contains(channel) else { return }
        while let (bytes, isResend) = peer.outboxes[channel]?.peek() {
            do {
                try link.send(bytes, on: channel)
            } catch {
                return
            }
            peer.outboxes[channel]?.markSent()
            peer.count(channel) { counters in
                if isResend { counters.resent += 1 } else { counters.sent += 1 }
            }
        }
    }

    /// A reliable channel opened on a new link: everything unacknowledged goes out again, oldest first.
    static func flushOutbox(_ channel: EngineChannel, peer: inout PeerRecord, limits: EngineLimits) {
        guard channel.isReliable else { return }
        peer.outboxes[channel]?.rewind()
        pump(channel, peer: &peer)
    }

    func scheduleMIDIFlush() {
        let interval = configuration.timing.midiBatchInterval
        Task { [weak self] in
            try? await Task.sleep(for: interval)
            self?.flushMIDI()
        }
    }

    func flushMIDI() {
        let now = clock()
        let again: Bool = state.withLock { state in
            while let batch = state.batcher.pollBatch(now: now) {
                broadcast(batch.encoded(), on: .midi, state: &state)
            }
            state.midiFlushScheduled = state.batcher.pendingCount > 0
            return state.midiFlushScheduled
        }
        if again { scheduleMIDIFlush() }
    }

    func publishParticipant(_ id: UUID) {
        guard let participant = participants.first(where: { $0.id == id }) else { return }
        emit(.participantUpdated(participant))
    }
}
