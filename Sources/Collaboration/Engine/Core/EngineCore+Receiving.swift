import Foundation
import Logging
import SignalingProtocol

/// Received messages: decoded, checked against the sender's role and mute, turned into events.
extension EngineCore {
    /// Decodes and applies one message. Malformed input is counted per peer and channel and
    /// dropped; media from a spectator or a muted peer is counted as refused and dropped.
    mutating func receive(_ bytes: [UInt8], on channel: EngineChannel, from peer: UUID, generation: UInt64, now: Int64,
                          into out: inout [EngineAction]) {
        guard withPeer(peer, { $0.link.generation }) ?? nil == generation else { return }
        var bytes = bytes
        if channel.isReliable, SequencedEnvelope.isSequenced(bytes) {
            let envelope: SequencedEnvelope
            do {
                envelope = try SequencedEnvelope(decoding: bytes)
            } catch {
                withPeer(peer) { $0.count(channel) { $0.malformed += 1 } }
                return
            }
            guard let verdict = withPeer(peer, { record in
                record.inbound[channel, default: SequenceTracker()].accept(stream: envelope.stream, sequence: envelope.sequence)
            }) else { return }
            switch verdict {
            case .duplicate:
                withPeer(peer) { $0.count(channel) { $0.duplicates += 1 } }
                return
            case .deliver(let missed):
                if missed > 0 { withPeer(peer) { $0.count(channel) { $0.lost += missed } } }
            }
            bytes = envelope.payload
        }
        var accepted = true
        do {
            if channel.isReliable { bytes = try PayloadCompression.expand(bytes) }
            switch channel {
            case .control: accepted = try receiveControl(bytes, from: peer, now: now, out: &out)
            case .chat: out.append(.emit(.chat(from: peer, text: try ChatMessage(decoding: bytes).text)))
            case .midi: accepted = try receiveMIDI(bytes, from: peer, now: now, out: &out)
            case .bio: accepted = try receiveBio(bytes, from: peer, now: now, out: &out)
            case .audio:
                guard withPeer(peer, { $0.acceptsMedia }) == true else {
                    accepted = false
                    break
                }
                let frame = try AudioFrame(decoding: bytes)
                withPeer(peer) { $0.audioMeter.record(frame.sequence) }
                out.append(.emit(.audio(from: peer, frame: frame)))
            }
        } catch {
            withPeer(peer) { $0.count(channel) { $0.malformed += 1 } }
            return
        }
        withPeer(peer) { record in
            record.count(channel) { counters in
                if accepted { counters.received += 1 } else { counters.refused += 1 }
            }
        }
    }

    private mutating func receiveControl(
        _ bytes: [UInt8], from peer: UUID, now: Int64, out: inout [EngineAction]
    ) throws(PayloadError) -> Bool {
        let message = try ControlMessage(decoding: bytes)
        switch message {
        case .hello(_, let capabilities):
            room?.peers[peer]?.capabilities = capabilities
            // The host tells a peer that can decode Opus how the room sends; the others get PCM.
            if capabilities.contains(.audioOpus), let room, room.hostID == room.localID {
                self.room?.peers[peer]?.deliver(ControlMessage.audioSettings(audioSettings).encoded(), on: .control, limits: limits)
            }
        case .audioSettings(let settings):
            guard room?.hostID == peer else { return false }
            audioSettings = settings
            out.append(.emit(.control(from: peer, message: message)))
        case .audioLoss(let percent):
            room?.peers[peer]?.audioLossReported = percent
        case .recording(let active):
            guard let record = room?.peers[peer], record.recording != active else { break }
            room?.peers[peer]?.recording = active
            out.append(.emit(.control(from: peer, message: message)))
            if let record = room?.peers[peer] { out.append(.emit(.participantUpdated(record.participant()))) }
        case .ping:
            if let pong = ClockSynchronizer.answer(message, receivedAt: now, now: now) {
                room?.peers[peer]?.deliverPlain(pong.encoded(), on: .control, limits: limits)
            }
        case .pong:
            if room?.peers[peer]?.clock.handlePong(message, now: now) != nil, let record = room?.peers[peer] {
                out.append(.emit(.participantUpdated(record.participant())))
            }
        case .mute(let target, let muted):
            guard room?.hostID == peer else { return false }
            if target == room?.localID { room?.localMuted = muted } else { room?.peers[target]?.muted = muted }
            out.append(.emit(.control(from: peer, message: message)))
            if let record = room?.peers[target] { out.append(.emit(.participantUpdated(record.participant()))) }
        case .transport(let command, let at):
            guard let role = room?.peers[peer]?.role, role == .host || role == .coHost || room?.hostID == peer else { return false }
            let local = room?.peers[peer]?.clock.localTime(fromRemote: at) ?? at
            out.append(.emit(.control(from: peer, message: .transport(command, at: local))))
        case .ack(let acks):
            for ack in acks {
                room?.peers[peer]?.outboxes[ack.channel]?.acknowledge(stream: ack.stream, next: ack.next)
            }
        case .role(let target, let role):
            guard room?.hostID == peer, role != .host else { return false }
            if target == room?.localID { room?.localRole = role } else { room?.peers[target]?.role = role }
            out.append(.emit(.control(from: peer, message: message)))
            if let record = room?.peers[target] { out.append(.emit(.participantUpdated(record.participant()))) }
        }
        return true
    }

    private mutating func receiveMIDI(
        _ bytes: [UInt8], from peer: UUID, now: Int64, out: inout [EngineAction]
    ) throws(PayloadError) -> Bool {
        let batch = try MIDIBatch(decoding: bytes)
        let known = withPeer(peer) { ($0.acceptsMedia, $0.clock.offset) }
        guard let known, known.0 else { return false }
        // Held until the sender's time (on our clock) plus the playout delay: `playMIDI` hands it out.
        // Before the first clock sample the sender's clock is unknown (a browser stamps Unix time,
        // an engine its uptime): the batch's first event is taken as sent now, instead of being
        // held for years or played all at once.
        let offset = known.1 ?? (batch.events.first.map { $0.timestamp &- now } ?? 0)
        withPeer(peer) { $0.midi.receive(batch, clockOffset: offset, now: now) }
        playMIDI(now: now, into: &out)
        return true
    }

    /// Emits every peer's MIDI that is due at `now` and arms the timer for the next.
    mutating func playMIDI(now: Int64, into out: inout [EngineAction]) {
        var next: Int64?
        for id in room?.order ?? [] {
            guard let polled = withPeer(id, { record -> (events: [MIDIEvent], due: Int64?) in
                var events: [MIDIEvent] = []
                while let event = record.midi.pollEvent(now: now) { events.append(event) }
                return (events, record.midi.pollTimeout())
            }) else { continue }
            let (events, due) = polled
            for event in events { notes.record(event, from: id) }
            if !events.isEmpty { out.append(.emit(.midi(from: id, events: events))) }
            if let due { next = min(next ?? due, due) }
        }
        guard let next, midiPlayoutAt.map({ next < $0 }) ?? true else { return }
        midiPlayoutAt = next
        out.append(.armMIDIPlayout(after: .microseconds(max(0, next - now))))
    }

    private mutating func receiveBio(
        _ bytes: [UInt8], from peer: UUID, now: Int64, out: inout [EngineAction]
    ) throws(PayloadError) -> Bool {
        let payload = try BioPayload(decoding: bytes)
        guard let record = room?.peers[peer], record.role != .spectator else { return false }
        var sample: BioSample
        switch payload {
        case .sample(let plain):
            // A sealed room seals bio end to end (docs/PAYLOADS.md, Sealing): a peer on a link
            // here opened our sealed signals, so it holds the secret, and every version that
            // seals signals seals bio too (both came with sealing, in the Swift engine and in
            // collab.js). A sample in the clear is refused, or anyone able to inject on the
            // channel could pass one off as the peer's. Logged once per peer, counted each time.
            guard room?.keys == nil else {
                if room?.peers[peer]?.plainBioLogged == false {
                    room?.peers[peer]?.plainBioLogged = true
                    out.append(.log(.warning, "bio sample in the clear in a sealed room: dropped (counted as malformed)", peer: peer))
                }
                throw .invalidValue("bio.plainInSealedRoom")
            }
            sample = plain
        case .sealed(let sealed):
            guard let keys = room?.keys else { throw .invalidValue("bio.sealed without a room secret") }
            do {
                sample = try keys.bioSealer.open(sealed, sender: peer)
            } catch {
                throw .invalidValue("bio.seal")
            }
        }
        sample.timestamp = record.clock.localTime(fromRemote: sample.timestamp) ?? sample.timestamp
        group.record(sample, from: peer, now: now)
        out.append(.emit(.bio(from: peer, sample: sample)))
        return true
    }
}
