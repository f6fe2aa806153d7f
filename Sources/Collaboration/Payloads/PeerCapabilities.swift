/// What a peer can send and understand, announced in `ControlMessage.hello`.
///
/// Unknown bits are kept, so a newer peer's capabilities survive a round trip.
public struct PeerCapabilities: OptionSet, Hashable, Sendable {
    /// The raw 32-bit mask.
    public let rawValue: UInt32

    /// Creates a set from its raw mask.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Sends and receives MIDI batches.
    public static let midi = PeerCapabilities(rawValue: 1 << 0)
    /// Sends and receives bio samples.
    public static let bio = PeerCapabilities(rawValue: 1 << 1)
    /// Decodes 16-bit PCM audio frames.
    public static let audioPCM16 = PeerCapabilities(rawValue: 1 << 2)
    /// Decodes Opus audio frames.
    public static let audioOpus = PeerCapabilities(rawValue: 1 << 3)
    /// Holds the room secret: seals and opens bio samples.
    public static let sealedBio = PeerCapabilities(rawValue: 1 << 4)
    /// Expands LZ4-compressed payloads (payload version 2, docs/PAYLOADS.md "Compression").
    public static let lz4 = PeerCapabilities(rawValue: 1 << 5)
    /// Decodes the compact Opus audio form (tags `0x10`-`0x13`, docs/PAYLOADS.md "audio").
    public static let compactAudio = PeerCapabilities(rawValue: 1 << 6)
}
