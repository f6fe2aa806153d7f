import Foundation
import SignalingProtocol

/// The application's sends: checked against our role and mute, then handed to every peer.
extension EngineCore {
    /// Queues MIDI events for the next batch; arms the batching timer when it is not armed.
    mutating func send(midi events: [MIDIEvent], now: Int64) throws(EngineError) -> [EngineAction] {
        try checkMedia()
        for event in events {
            batcher.add(event.timestamp == 0 ? event.at(now) : event, now: now)
        }
        guard !midiFlushArmed, batcher.pendingCount > 0 else { return [] }
        midiFlushArmed = true
        return [.armMIDIFlush(after: timing.midiBatchInterval)]
    }

    mutating func flushMIDI(now: Int64, into actions: inout [EngineAction]) {
        while let batch = batcher.pollBatch(now: now) {
            broadcast(batch.encoded(), on: .midi)
        }
        // Re-armed for the open window's close, not a whole interval from now: a timer that fires
        // a little before the close (the driver's clock and ours round differently) would
        // otherwise hold the batch back for up to another interval.
        let due = batcher.pollTimeout()
        midiFlushArmed = due != nil
        if let due { actions.append(.armMIDIFlush(after: .microseconds(max(0, due - now)))) }
    }

    /// Stamps, records as ours, seals when the room has a secret, and sends a bio sample.
    mutating func send(bio sample: BioSample, now: Int64) throws(EngineError) {
        guard let room else { throw .notInSession }
        guard room.localRole != .spectator else { throw .notAllowed("spectators send only chat") }
        var stamped = sample
        stamped.timestamp = now
        group.record(stamped, from: room.localID, now: now)
        let bytes: [UInt8]
        if let keys = room.keys {
            do throws(SealError) {
                bytes = try keys.bioSealer.seal(stamped, sender: room.localID, using: &random)
            } catch {
                throw .seal(error)
            }
        } else {
            bytes = stamped.encoded()
        }
        broadcast(bytes, on: .bio)
    }

    mutating func send(chat message: ChatMessage) throws(EngineError) {
        guard room != nil else { throw .notInSession }
        broadcast(message.encoded(), on: .chat)
    }

    mutating func send(audio bytes: [UInt8]) throws(EngineError) {
        try checkMedia()
        broadcast(bytes, on: .audio)
    }

    /// Host only: mutes or unmutes a participant for everyone.
    mutating func mute(_ participant: UUID, _ muted: Bool) throws(EngineError) -> [EngineAction] {
        guard let room else { throw .notInSession }
        guard room.hostID == room.localID else { throw .notAllowed("only the host mutes") }
        if participant == room.localID { self.room?.localMuted = muted } else { self.room?.peers[participant]?.muted = muted }
        broadcast(ControlMessage.mute(participant: participant, muted: muted).encoded(), on: .control)
        return published(participant).map { [$0] } ?? []
    }

    /// Host only: co-host, participant or spectator (the host role moves only by migration).
    mutating func setRole(_ role: ParticipantRole, for participant: UUID) throws(EngineError) -> [EngineAction] {
        guard let room else { throw .notInSession }
        guard room.hostID == room.localID else { throw .notAllowed("only the host assigns roles") }
        guard role != .host, participant != room.localID else { throw .notAllowed("the host role moves only by migration") }
        guard room.peers[participant] != nil else { throw .notAllowed("no such participant") }
        self.room?.peers[participant]?.role = role
        broadcast(ControlMessage.role(participant: participant, role: role).encoded(), on: .control)
        return published(participant).map { [$0] } ?? []
    }

    /// Host or co-host: a transport command for everyone, at `at` on our clock.
    mutating func transport(_ command: TransportCommand, at: Int64) throws(EngineError) {
        guard let room else { throw .notInSession }
        guard room.localRole == .host || room.localRole == .coHost else {
            throw .notAllowed("only the host and co-hosts drive the transport")
        }
        broadcast(ControlMessage.transport(command, at: at).encoded(), on: .control)
    }

    /// The current link to `peer`, if any (raw sends in tests, test hooks).
    func link(to peer: UUID) -> (link: any PeerLink, generation: UInt64)? {
        guard case .linked(let session)? = room?.peers[peer]?.link else { return nil }
        return (session.link, session.generation)
    }

    func checkMedia() throws(EngineError) {
        // Field by field: `guard let room` would copy the whole room state per frame.
        guard let role = room?.localRole, let muted = room?.localMuted else { throw .notInSession }
        guard role != .spectator else { throw .notAllowed("spectators send only chat") }
        guard !muted else { throw .muted }
    }

    /// Announces that we started or stopped recording: to every peer now, and on each new link
    /// from now on (bio data leaves its seal in a recording, so nobody is recorded unknowingly).
    mutating func setRecording(_ active: Bool) throws(EngineError) -> [EngineAction] {
        guard let room else { throw .notInSession }
        self.room?.localRecording = active
        self.room?.recordingAnnounced = true
        // Numbered and kept until acknowledged, like every session-level control message: a
        // consent notice must not be lost with a link that was down at that moment.
        let notice = ControlMessage.recording(active: active).encoded()
        for id in room.order {
            self.room?.peers[id]?.deliver(notice, on: .control, limits: limits)
        }
        guard let local = participants.first else { return [] }
        return [.emit(.participantUpdated(local))]
    }

    /// Sends to every peer: reliable channels keep each message until the peer acknowledges it
    /// (bounded); bio and audio go to open channels under their buffered limit only.
    mutating func broadcast(_ bytes: [UInt8], on channel: EngineChannel) {
        let limits = limits
        for id in room?.order ?? [] {
            withPeer(id) { $0.deliver(bytes, on: channel, limits: limits) }
        }
    }

    /// Runs `body` on the record of `id` in place; `nil` when there is none. For the paths taken per
    /// message or frame: `room?.peers[id]?.…` goes through the dictionary's optional `_modify`, which
    /// copies the whole record out and back (a retain and a release of each of its many fields);
    /// `values[index]` yields the stored record itself.
    @discardableResult
    mutating func withPeer<R>(_ id: UUID, _ body: (inout PeerRecord) -> R) -> R? {
        guard let index = room?.peers.index(forKey: id) else { return nil }
        return room?.peers.values[index].update(body)
    }
}
