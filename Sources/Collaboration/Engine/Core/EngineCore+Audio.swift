import Foundation

/// Audio sends: which form each peer gets, and the host's room settings.
extension EngineCore {
    /// What the next captured frame must be encoded as: Opus when the room sends Opus and some
    /// peer announced it (compact when it announced that too), PCM when the room sends PCM or some
    /// peer did not (or has not said); redundancy when a peer reported loss; the worst reported
    /// loss for Opus FEC.
    /// Mutating only to read the records in place (see `withPeer`): it runs per frame.
    mutating func audioPlan() throws(EngineError) -> AudioPlan {
        try checkMedia()
        var plan = AudioPlan(settings: audioSettings)
        let settings = audioSettings
        for id in room?.order ?? [] {
            withPeer(id) { record in
                guard record.isUp else { return }
                if Self.takesOpus(record, settings: settings) {
                    if Self.takesCompact(record) { plan.compactOpus = true } else { plan.opus = true }
                    plan.redundancy = plan.redundancy || record.audioLossReported > 0
                    plan.loss = max(plan.loss, Int(record.audioLossReported))
                } else {
                    plan.pcm = true
                }
            }
        }
        return plan
    }

    /// Sends one encoded frame to every peer in the form it takes.
    mutating func send(audio encoded: EncodedAudio) {
        let settings = audioSettings
        let limits = limits
        for id in room?.order ?? [] {
            // In place: a copy of the record per peer per frame was measurable.
            withPeer(id) { record in
                let bytes: [UInt8]?
                if Self.takesOpus(record, settings: settings) {
                    let lossy = record.audioLossReported > 0
                    bytes = if Self.takesCompact(record) {
                        lossy ? (encoded.compactOpusWithRedundancy ?? encoded.compactOpus) : encoded.compactOpus
                    } else {
                        lossy ? (encoded.opusWithRedundancy ?? encoded.opus) : encoded.opus
                    }
                } else {
                    bytes = encoded.pcm
                }
                if let bytes { record.deliver(bytes, on: .audio, limits: limits) }
            }
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
    private static func takesOpus(_ record: PeerRecord, settings: AudioSettings) -> Bool {
        settings.codec == .opus && record.capabilities?.contains(.audioOpus) == true
    }

    /// Whether `record` decodes the compact Opus form (its hello announced it).
    private static func takesCompact(_ record: PeerRecord) -> Bool {
        record.capabilities?.contains(.compactAudio) == true
    }
}
