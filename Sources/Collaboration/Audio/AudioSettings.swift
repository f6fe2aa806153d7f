public import Opus

/// How the room sends audio, chosen by the host (control message `audio-settings`).
///
/// Each sender applies it per link: Opus to peers that announced it in their hello, 16-bit PCM
/// to the others (an older engine, a browser without WebCodecs).
public struct AudioSettings: Hashable, Sendable {
    /// What a room sends.
    public enum Codec: UInt8, Hashable, Sendable, CaseIterable {
        /// 16-bit PCM: about 1.5 Mbit/s per stereo link, for LAN studios.
        case pcm = 1
        /// Opus: the default.
        case opus = 2
    }

    /// The most bits per second a host may ask for (libopus's ceiling).
    public static let bitrateRange = 6_000...510_000

    /// The room's codec.
    public var codec: Codec
    /// 1 or 2.
    public var channels: Int
    /// Frame size for both codecs (one frame per SCTP message).
    public var frameDuration: OpusFrameDuration
    /// Opus bitrate, bits per second.
    public var bitrate: Int

    /// The defaults: Opus, stereo, 5 ms frames, 96 kbit/s.
    public init(codec: Codec = .opus, channels: Int = 2, frameDuration: OpusFrameDuration = .ms5, bitrate: Int = 96_000) {
        self.codec = codec
        self.channels = channels == 1 ? 1 : 2
        self.frameDuration = frameDuration
        self.bitrate = min(max(bitrate, Self.bitrateRange.lowerBound), Self.bitrateRange.upperBound)
    }

    /// The encoder settings these imply.
    public var opus: OpusConfiguration {
        OpusConfiguration(channels: channels, frameDuration: frameDuration, bitrate: bitrate)
    }

    /// Interleaved samples in one frame.
    public var samplesPerFrame: Int { frameDuration.samples * channels }
}
