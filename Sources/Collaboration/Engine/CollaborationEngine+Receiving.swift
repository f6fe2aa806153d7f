import Foundation
import SignalingProtocol
import Synchronization

extension CollaborationEngine {
    /// A link event, on the link's task: messages are handled here (the data path), the rest
    /// goes to the supervisor.
    func linkEvent(peer: UUID, generation: UInt64, _ event: PeerLinkEvent) {
        if case .message(let channel, let bytes) = event {
            receive(bytes, on: channel, from: peer, generation: generation)
        } else {
            post(.link(peer: peer, generation: generation, event: event))
        }
    }

    /// Decodes and applies one message. Malformed input is counted per peer and channel and
    /// dropped; media from a spectator or a muted peer is counted as refused and dropped.
    func receive(_ bytes: [UInt8], on channel: EngineChannel, from peer: UUID, generation: UInt64) {
        let now = clock()
        var out: [EngineEvent] = []
        state.withLock { state in
            guard state.peers[peer]?.generation == generation else { return }
            var bytes = bytes
            if channel.isReliable, SequencedEnvelope.isSequenced(bytes) {
                let envelope: SequencedEnvelope
                do {
                    envelope = try SequencedEnvelope(decoding: bytes)
                } catch {
                    state.peers[peer]?.count(channel) { $0.malformed += 1 }
                    return
                }
                let verdict = state.peers[peer]!.inbound[channel, default: SequenceTracker()]
                    .accept(stream: envelope.stream, sequence: envelope.sequence)
                switch verdict {
                case .duplicate:
                    state.peers[peer]?.count(channel) { $0.duplicates += 1 }
                    return
                case .deliver(let missed):
                    if missed > 0 { state.peers[peer]?.count(channel) { $0.lost += missed } }
                }
                bytes = envelope.payload
            }
            var accepted = true
            do {
                switch channel {
                case .control: accepted = try receiveControl(bytes, from: peer, now: now, state: &state, out: &out)
                case .chat: out.append(.chat(from: peer, text: try ChatMessage(decoding: bytes).text))
                case .midi: accepted = try receiveMIDI(bytes, from: peer, state: &state, out: &out)
                case .bio: accepted = try receiveBio(bytes, from: peer, now: now, state: &state, out: &out)
                case .audio:
                    guard let record = state.peers[peer], record.role != .spectator, !record.muted else {
                        accepted = false
                        break
                    }
                    out.append(.audio(from: peer, frame: try AudioFrame(decoding: bytes)))
                }
            } catch {
                state.peers[peer]?.count(channel) { $0.malformed += 1 }
                return
            }
            state.peers[peer]?.count(channel) { counters in
                if accepted { counters.received += 1 } else { counters.refused += 1 }
            }
        }
        for event in out { emit(event) }
    }

    private func receiveControl(
        _ bytes: [UInt8], from peer: UUID, now: Int64, state: inout EngineState, out: inout [EngineEvent]
    ) throws(PayloadError) -> Bool {
        let message = try ControlMessage(decoding: bytes)
        let limits = configuration.limits
        switch message {
        case .hello(_, let capabilities):
            state.peers[peer]?.capabilities = capabilities
        case .ping:
            if let pong = ClockSynchronizer.answer(message, receivedAt: now, now: clock()) {
                Self.deliverPlain(pong.encoded(), on: .control, peer: &state.peers[peer]!, limits: limits)
            }
        case .pong:
            if state.peers[peer]?.clock.handlePong(message, now: now) != nil, let record = state.peers[peer] {
                out.append(.participantUpdated(record.participant()))
            }
        case .mute(let target, let muted):
            guard state.hostID == peer else { return false }
            if target == state.localID { state.localMuted = muted } else { state.peers[target]?.muted = muted }
            out.append(.control(from: peer, message: message))
            if let record = state.peers[target] { out.append(.participantUpdated(record.participant())) }
        case .transport(let command, let at):
            guard let role = state.peers[peer]?.role, role == .host || role == .coHost || state.hostID == peer else { return false }
            let local = state.peers[peer]?.clock.localTime(fromRemote: at) ?? at
            out.append(.control(from: peer, message: .transport(command, at: local)))
        case .ack(let acks):
            for ack in acks {
                state.peers[peer]?.outboxes[ack.channel]?.acknowledge(stream: ack.stream, next: ack.next)
            }
        case .role(let target, let role):
            guard state.hostID == peer, role != .host else { return false }
            if target == state.localID { state.localRole = role } else { state.peers[target]?.role = role }
            out.append(.control(from: peer, message: message))
            if let record = state.peers[target] { out.append(.participantUpdated(record.participant())) }
        }
        return true
    }

    private func receiveMIDI(
        _ bytes: [UInt8], from peer: UUID, state: inout EngineState, out: inout [EngineEvent]
    ) throws(PayloadError) -> Bool {
        let batch = try MIDIBatch(decoding: bytes)
        guard let record = state.peers[peer], record.role != .spectator, !record.muted else { return false }
        var events: [MIDIEvent] = []
        events.reserveCapacity(batch.events.count)
        for event in batch.events {
            let local = event.at(record.clock.localTime(fromRemote: event.timestamp) ?? event.timestamp)
            state.notes.record(local, from: peer)
            events.append(local)
        }
        out.append(.midi(from: peer, events: events))
        return true
    }

    private func receiveBio(
        _ bytes: [UInt8], from peer: UUID, now: Int64, state: inout EngineState, out: inout [EngineEvent]
    ) throws(PayloadError) -> Bool {
        let payload = try BioPayload(decoding: bytes)
        guard let record = state.peers[peer], record.role != .spectator else { return false }
        var sample: BioSample
        switch payload {
        case .sample(let plain):
            sample = plain
        case .sealed(let sealed):
            guard let keys = state.keys else { throw .invalidValue("bio.sealed without a room secret") }
            do {
                sample = try keys.bioSealer.open(sealed, sender: peer)
            } catch {
                throw .invalidValue("bio.seal")
            }
        }
        sample.timestamp = record.clock.localTime(fromRemote: sample.timestamp) ?? sample.timestamp
        state.group.record(sample, from: peer, now: now)
        out.append(.bio(from: peer, sample: sample))
        return true
    }
}
