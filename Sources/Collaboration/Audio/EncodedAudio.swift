/// One captured frame as the sender encoded it, ready to go to each peer in the form it takes.
struct EncodedAudio: Sendable {
    /// Opus (the room's codec is Opus and some peer announced it).
    var opus: [UInt8]?
    /// The same Opus frame carrying the previous one again, for peers that report loss at 2.5/5 ms.
    var opusWithRedundancy: [UInt8]?
    /// ``opus`` in the compact form, for peers that announced ``PeerCapabilities/compactAudio``.
    var compactOpus: [UInt8]?
    /// ``opusWithRedundancy`` in the compact form.
    var compactOpusWithRedundancy: [UInt8]?
    /// 16-bit PCM, for the room's PCM or for peers without Opus.
    var pcm: [UInt8]?
}
