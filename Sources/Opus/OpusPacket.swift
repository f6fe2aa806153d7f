/// The validated structure of one Opus packet, read from its table-of-contents byte and frame
/// lengths (RFC 6716 §3) without decoding it.
///
/// ```
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// | config  |s| c |   TOC byte (RFC 6716 §3.1): config 0-31, s = stereo,
/// +-+-+-+-+-+-+-+-+   c = frame count code (0: one, 1: two equal, 2: two, 3: arbitrary)
/// ```
public struct OpusPacket: Hashable, Sendable {
    /// The coding mode a configuration selects (RFC 6716 §3.1, Table 2).
    public enum Mode: Hashable, Sendable {
        /// SILK only (configs 0-11): speech; carries in-band FEC.
        case silk
        /// SILK below 8 kHz plus CELT above (configs 12-15); carries in-band FEC.
        case hybrid
        /// CELT only (configs 16-31): music, the only mode at 2.5 and 5 ms.
        case celt
    }

    /// The largest frame a packet may hold, bytes (RFC 6716 §3.4, R2).
    public static let maximumFrameLength = 1275
    /// The longest a packet may last, samples at 48 kHz (120 ms, R5).
    public static let maximumSamples = 5760

    /// The TOC configuration number, 0-31.
    public let configuration: Int
    /// Whether the frames are coded in stereo.
    public let isStereo: Bool
    /// The number of frames in the packet.
    public let frameCount: Int
    /// Samples per channel of each frame at 48 kHz.
    public let samplesPerFrame: Int

    /// Samples per channel of the whole packet at 48 kHz.
    public var samples: Int { frameCount * samplesPerFrame }

    /// The coding mode.
    public var mode: Mode {
        switch configuration {
        case 0...11: .silk
        case 12...15: .hybrid
        default: .celt
        }
    }

    /// Parses and checks `bytes` against RFC 6716 §3.4 (R1-R7).
    ///
    /// - Throws: `OpusPacketError` naming the first rule broken; never traps.
    public init(validating bytes: some RandomAccessCollection<UInt8>) throws(OpusPacketError) {
        var reader = bytes.makeIterator()
        guard let toc = reader.next() else { throw .empty }
        let configuration = Int(toc >> 3)
        self.configuration = configuration
        isStereo = toc & 0x04 != 0
        samplesPerFrame = Self.samplesPerFrame(configuration: configuration)
        var remaining = bytes.count - 1
        switch toc & 0x03 {
        case 0:
            // Code 0: one frame filling the rest (§3.2.2).
            guard remaining <= Self.maximumFrameLength else { throw .frameTooLong(remaining) }
            frameCount = 1
        case 1:
            // Code 1: two frames of equal size (§3.2.3).
            guard remaining.isMultiple(of: 2) else { throw .oddCBRLength }
            guard remaining / 2 <= Self.maximumFrameLength else { throw .frameTooLong(remaining / 2) }
            frameCount = 2
        case 2:
            // Code 2: two frames, the first's length coded (§3.2.4).
            let first = try Self.readLength(&reader, remaining: &remaining)
            guard first <= remaining else { throw .truncated }
            guard remaining - first <= Self.maximumFrameLength else { throw .frameTooLong(remaining - first) }
            frameCount = 2
        default:
            // Code 3: a frame count byte, optional padding, CBR or VBR lengths (§3.2.5).
            guard let countByte = reader.next() else { throw .truncated }
            remaining -= 1
            let count = Int(countByte & 0x3F)
            guard count >= 1, count * samplesPerFrame <= Self.maximumSamples else { throw .invalidFrameCount(count) }
            frameCount = count
            if countByte & 0x40 != 0 {
                var padding = 0
                while true {
                    guard let byte = reader.next() else { throw .invalidPadding }
                    remaining -= 1
                    padding += byte == 255 ? 254 : Int(byte)
                    if byte != 255 { break }
                }
                guard padding <= remaining else { throw .invalidPadding }
                remaining -= padding
            }
            if countByte & 0x80 != 0 {
                // VBR: M-1 coded lengths, the last frame takes what is left (R7).
                for _ in 0..<(count - 1) {
                    let length = try Self.readLength(&reader, remaining: &remaining)
                    guard length <= remaining else { throw .truncated }
                    remaining -= length
                }
                guard remaining <= Self.maximumFrameLength else { throw .frameTooLong(remaining) }
            } else {
                // CBR: every frame the same size (R6).
                guard remaining.isMultiple(of: count) else { throw .unevenCBRFrames }
                guard remaining / count <= Self.maximumFrameLength else { throw .frameTooLong(remaining / count) }
            }
        }
    }

    /// Checks `bytes` is one packet of a frame size the engine sends (2.5, 5, 10 or 20 ms).
    ///
    /// - Throws: `OpusPacketError`, `unsupportedDuration` for a valid packet of another length.
    public static func validateEngineFrame(_ bytes: some RandomAccessCollection<UInt8>) throws(OpusPacketError) -> OpusFrameDuration {
        let packet = try OpusPacket(validating: bytes)
        guard let duration = OpusFrameDuration(rawValue: packet.samples) else {
            throw .unsupportedDuration(samples: packet.samples)
        }
        return duration
    }

    /// A frame length: one byte below 252, else two (RFC 6716 §3.2.1).
    private static func readLength(_ reader: inout some IteratorProtocol<UInt8>, remaining: inout Int) throws(OpusPacketError) -> Int {
        guard let first = reader.next() else { throw .truncated }
        remaining -= 1
        guard first >= 252 else { return Int(first) }
        guard let second = reader.next() else { throw .truncated }
        remaining -= 1
        return Int(second) * 4 + Int(first)
    }

    /// Samples per channel at 48 kHz of one frame of a configuration (RFC 6716 §3.1, Table 2).
    private static func samplesPerFrame(configuration: Int) -> Int {
        switch configuration {
        case 0...11: [480, 960, 1920, 2880][configuration % 4]
        case 12...15: [480, 960][configuration % 2]
        default: [120, 240, 480, 960][configuration % 4]
        }
    }
}
