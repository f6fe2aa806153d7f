import Foundation

/// Audio sends: which form each peer gets, and the host's room settings.
extension EngineCore {
    /// What the next captured frame must be encoded as: Opus when the room sends Opus and some
    /// peer announced it, PCM when the room sends PCM or some peer did not (or has not said);
    /// redundancy when a peer reported loss; the worst reported loss for Opus FEC.
    func audioPlan() throws(EngineError) -> (settings: AudioSettings, opus: Bool, pcm: Bool, redundancy: Bool, loss: Int) {
        try checkMedia()
        var opus = false
        var pcm = false
        var redundancy = false
        var loss = 0
        for id in room?.order ?? [] {
            guard let record = room?.peers[id], record.isUp else { continue }
            if takesOpus(record) {
                opus = true
                redundancy = redundancy || record.audioLossReported > 0
                loss = max(loss, Int(record.audioLossReported))
            } else {
                pcm = true
            }
        }
        return (audioSettings, opus, pcm, redundancy, loss)
    }

    /// Sends one encoded frame to every peer in the form it takes.
    mutating func send(audio encoded: EncodedAudio) {
        for id in room?.order ?? [] {
            guard let record = room?.peers[id] else { continue }
            let bytes: [UInt8]?
            if takesOpus(record) {
                bytes = record.audioLossReported > 0 ? (encoded.opusWithRedundancy ?? encoded.opus) : encoded.opus
            } else {
                bytes = encoded.pcm
            }
            if let bytes { room?.peers[id]?.deliver(bytes, on: .audio, limits: limits) }
        }
    }

    /// Host only: how the room sends audio from now on; peers that decode Opus are told.
    mutating func setAudioSettings(_ settings: AudioSettings) throws(EngineError) -> [EngineAction] {
        guard let room else { throw .notInSession }
        guard room.hostID == room.localID else { throw .notAllowed("only the host sets the room's audio") }
        audioSettings = settings
        let message = ControlMessage.audioSettings(settings).encoded()
        for id in room.order where room.peers[id]?.capabilities?.contains(.audioOpus) == true {
            self.room?.peers[id]?.deliver(message, on: .control, limits: limits)
        }
        return []
    }

    /// Whether `record` gets Opus: the room sends Opus and the peer's hello announced it.
    private func takesOpus(_ record: PeerRecord) -> Bool {
        audioSettings.codec == .opus && record.capabilities?.contains(.audioOpus) == true
    }
}
