/// How an `AudioFrame`'s payload is encoded. The clock rate is 48 kHz for every codec.
public enum AudioCodec: Hashable, Sendable {
    /// 16-bit signed little-endian PCM at 48 kHz, interleaved, 1 or 2 channels.
    case pcm16(channels: UInt8)
    /// Opus (RFC 6716, RFC 7587's 48 kHz clock) at 48 kHz, 1 or 2 channels: one frame of 2.5, 5, 10 or 20 ms per packet.
    case opus(channels: UInt8)

    /// The media clock rate of every codec, in Hz.
    public static let clockRate = 48_000

    /// The number of interleaved channels.
    public var channels: UInt8 {
        switch self {
        case .pcm16(let channels), .opus(let channels): channels
        }
    }

    var tag: UInt8 {
        switch self {
        case .pcm16: 0x01
        case .opus: 0x02
        }
    }

    /// The tag of an Opus frame that carries the previous frame again (``AudioFrame/redundancy``);
    /// 0x03 stays unassigned: the vectors shared with the browser use it as the unknown codec.
    static let opusWithRedundancyTag: UInt8 = 0x04

    /// The tag of the compact Opus form (docs/PAYLOADS.md): `0x10`, plus 1 for stereo, plus 2
    /// when the previous frame rides along.
    static func compactOpusTag(channels: UInt8, redundancy: Bool) -> UInt8 {
        0x10 | (channels == 1 ? 0 : 0x01) | (redundancy ? 0x02 : 0)
    }

    /// The channel count and redundancy of a compact Opus tag, or `nil` for any other tag.
    static func compactOpus(tag: UInt8) -> (channels: UInt8, redundancy: Bool)? {
        guard tag & 0xFC == 0x10 else { return nil }
        return (1 + (tag & 0x01), tag & 0x02 != 0)
    }

    init(tag: UInt8, channels: UInt8) throws(PayloadError) {
        guard channels == 1 || channels == 2 else { throw .invalidValue("audio.channels") }
        switch tag {
        case 0x01: self = .pcm16(channels: channels)
        case 0x02: self = .opus(channels: channels)
        default: throw .unknownType(tag)
        }
    }
}
