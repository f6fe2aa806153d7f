/// What the next captured frame must be encoded as, from the room's settings and the peers' hellos
/// and loss reports (``EngineCore/audioPlan()``).
struct AudioPlan: Sendable {
    /// The room's settings.
    var settings: AudioSettings
    /// Some peer takes Opus in the full form (it did not announce ``PeerCapabilities/compactAudio``).
    var opus = false
    /// Some peer takes Opus in the compact form.
    var compactOpus = false
    /// Some peer takes PCM: the room sends PCM, or the peer did not announce Opus (or has not said).
    var pcm = false
    /// Some Opus peer reported loss: the previous packet rides along at 2.5 and 5 ms.
    var redundancy = false
    /// The worst loss an Opus peer reported, percent: Opus in-band FEC at 10 and 20 ms.
    var loss = 0
}
