/// The frame sizes the engine sends: one Opus frame per packet (RFC 6716 §2.1.4 lists 2.5 to 60 ms;
/// the two longest add latency musicians do not accept).
public enum OpusFrameDuration: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// 2.5 ms (120 samples at 48 kHz): CELT only.
    case ms2_5 = 120
    /// 5 ms (240 samples): CELT only. The default.
    case ms5 = 240
    /// 10 ms (480 samples): SILK, hybrid or CELT; in-band FEC possible.
    case ms10 = 480
    /// 20 ms (960 samples): SILK, hybrid or CELT; in-band FEC possible.
    case ms20 = 960

    /// The sample rate every duration is counted in.
    public static let sampleRate = 48_000

    /// Samples per channel in one frame at 48 kHz.
    public var samples: Int { rawValue }

    /// The duration in microseconds.
    public var microseconds: Int64 { Int64(rawValue) * 1_000_000 / Int64(Self.sampleRate) }

    /// Whether Opus can carry in-band FEC at this size: FEC lives in the SILK layer, which needs
    /// 10 ms frames or longer (RFC 6716 §2.1.7, §4.2.4).
    public var supportsInbandFEC: Bool { rawValue >= 480 }

    /// The duration for a number of milliseconds (2.5, 5, 10 or 20).
    public init?(milliseconds: Double) {
        guard let match = Self.allCases.first(where: { Double($0.rawValue) / 48 == milliseconds }) else { return nil }
        self = match
    }

    /// The duration in milliseconds (2.5, 5, 10 or 20).
    public var milliseconds: Double { Double(rawValue) / 48 }

    public var description: String {
        self == .ms2_5 ? "2.5 ms" : "\(rawValue / 48) ms"
    }
}
