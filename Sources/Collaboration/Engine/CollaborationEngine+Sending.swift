public import Foundation
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
        try withCore { core throws(EngineError) in try core.send(midi: events, now: now) }
        if let recorder = recorder.withLock({ $0 }), let id = core.withLock({ $0.room?.localID }) {
            recorder.record(.midi(from: id, events: events.map { $0.timestamp == 0 ? $0.at(now) : $0 }))
        }
    }

    /// Sends a bio sample to every peer, stamped now and sealed when the room has a secret;
    /// it also counts in ``groupBio`` as ours.
    ///
    /// - Throws: `notInSession`, `notAllowed` for a spectator, `seal` if sealing fails.
    public func send(bio sample: BioSample) throws(EngineError) {
        let now = clock()
        try withCore { core throws(EngineError) in
            try core.send(bio: sample, now: now)
            return []
        }
        if let recorder = recorder.withLock({ $0 }), let id = core.withLock({ $0.room?.localID }) {
            var stamped = sample
            stamped.timestamp = now
            recorder.record(.bio(from: id, sample: stamped, at: now))
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
        try withCore { core throws(EngineError) in
            try core.send(chat: message)
            return []
        }
        if let recorder = recorder.withLock({ $0 }), let id = core.withLock({ $0.room?.localID }) {
            recorder.record(.chat(from: id, text: text, at: clock()))
        }
    }

    /// Sends an audio frame to every connected peer. Peers whose audio channel has more than
    /// `EngineLimits.audioBufferedBytes` unsent skip this frame (counted as dropped).
    ///
    /// - Throws: `notInSession`, `notAllowed` for a spectator, `muted`.
    public func send(audio frame: AudioFrame) throws(EngineError) {
        let bytes = frame.encoded()
        try withCore { core throws(EngineError) in
            try core.send(audio: bytes)
            return []
        }
    }

    /// Sends one captured frame of interleaved float PCM (`audioSettings.samplesPerFrame`
    /// samples in -1...1, 48 kHz) to every connected peer: encoded as Opus for peers that announced
    /// it when the room sends Opus, as 16-bit PCM for the others. Call it once per frame duration
    /// from the capture side (not the real-time thread: it encodes and takes locks).
    ///
    /// - Throws: `notInSession`, `notAllowed` for a spectator, `muted`, `payload` for a frame of
    ///   the wrong length.
    public func send(audio samples: [Float]) throws(EngineError) {
        let plan = try core.withLock { core throws(EngineError) in try core.audioPlan() }
        let encoded = try audioSender.withLock { sender throws(EngineError) in
            try sender.encode(samples, plan: plan)
        }
        try withCore { core throws(EngineError) in
            core.send(audio: encoded)
            return []
        }
        if let recorder = recorder.withLock({ $0 }) {
            recorder.record(.localAudio(samples: samples, channels: plan.settings.channels, at: clock()))
        }
    }

    /// Host only: sets how the room sends audio (codec, channels, frame size, bitrate); peers
    /// that decode Opus follow, the others keep receiving PCM.
    ///
    /// - Throws: `notInSession`, `notAllowed` unless we host.
    public func setAudioSettings(_ settings: AudioSettings) throws(EngineError) {
        try withCore { core throws(EngineError) in try core.setAudioSettings(settings) }
    }

    /// Host only: mutes or unmutes a participant for everyone (its MIDI and audio are dropped).
    public func mute(_ participant: UUID, _ muted: Bool = true) throws(EngineError) {
        try withCore { core throws(EngineError) in try core.mute(participant, muted) }
    }

    /// Host only: gives a participant the co-host, participant or spectator role (the host role
    /// moves only through the server's host migration).
    public func setRole(_ role: ParticipantRole, for participant: UUID) throws(EngineError) {
        try withCore { core throws(EngineError) in try core.setRole(role, for: participant) }
    }

    /// Host or co-host: a transport action for everyone, taking effect at `at` on our clock
    /// (default: now + 100 ms); receivers get it converted to their clock.
    public func transport(_ command: TransportCommand, at: Int64? = nil) throws(EngineError) {
        let when = at ?? clock().addingSaturating(100_000)
        try withCore { core throws(EngineError) in
            try core.transport(command, at: when)
            return []
        }
    }

    /// Sends raw bytes on one channel to one peer, bypassing the codecs (tests: malformed input).
    package func sendRaw(_ bytes: [UInt8], on channel: EngineChannel, to peer: UUID) throws(EngineError) {
        guard let link = core.withLock({ $0.link(to: peer)?.link }) else { throw .transport(.noLink(peer)) }
        try link.send(bytes, on: channel)
    }
}
