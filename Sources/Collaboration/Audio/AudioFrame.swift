/// One frame of audio on the `audio` channel (unordered, no retransmission).
///
/// Wire layout: version, codec tag, channel count, sequence (u32), timestamp (u32, samples at
/// 48 kHz), then the payload filling the rest of the message.
public struct AudioFrame: Hashable, Sendable {
    /// The largest payload accepted, in bytes (about 42 ms of 16-bit stereo PCM at 48 kHz).
    public static let maximumPayloadLength = 8192

    /// Increments by one per frame, wrapping at 2³² (as RTP's sequence number, but 32 bits).
    public let sequence: UInt32
    /// Media time of the first sample, in samples at 48 kHz (wrapping, as RTP's timestamp).
    public let timestamp: UInt32
    /// How `payload` is encoded.
    public let codec: AudioCodec
    /// The encoded audio.
    public let payload: [UInt8]

    /// Creates a frame.
    ///
    /// - Throws: `invalidValue("audio.channels")` unless the codec has 1 or 2 channels;
    ///   `lengthOverLimit` over `maximumPayloadLength`; `invalidValue("audio.payload")` when PCM
    ///   data is not a whole number of sample frames.
    public init(sequence: UInt32, timestamp: UInt32, codec: AudioCodec, payload: [UInt8]) throws(PayloadError) {
        guard codec.channels == 1 || codec.channels == 2 else { throw .invalidValue("audio.channels") }
        guard payload.count <= Self.maximumPayloadLength else {
            throw .lengthOverLimit(length: payload.count, limit: Self.maximumPayloadLength)
        }
        if case .pcm16(let channels) = codec, !payload.count.isMultiple(of: 2 * Int(channels)) {
            throw .invalidValue("audio.payload")
        }
        self.sequence = sequence
        self.timestamp = timestamp
        self.codec = codec
        self.payload = payload
    }

    /// The number of samples per channel, when the codec makes it known without decoding (PCM).
    public var sampleCount: Int? {
        switch codec {
        case .pcm16(let channels): payload.count / (2 * Int(channels))
        case .opus: nil
        }
    }

    /// The binary form sent on the `audio` channel.
    public func encoded() -> [UInt8] {
        var writer = PayloadWriter(capacity: 11 + payload.count)
        writer.write(PayloadFormat.version)
        writer.write(codec.tag)
        writer.write(codec.channels)
        writer.write(sequence)
        writer.write(timestamp)
        writer.write(contentsOf: payload)
        return writer.bytes
    }

    /// Decodes an `audio` channel payload.
    ///
    /// - Throws: `PayloadError` for any malformed input; never traps.
    public init(decoding bytes: [UInt8]) throws(PayloadError) {
        var reader = PayloadReader(bytes)
        try reader.readVersion(PayloadFormat.version)
        let tag = try reader.readUInt8()
        let channels = try reader.readUInt8()
        let codec = try AudioCodec(tag: tag, channels: channels)
        let sequence = try reader.readUInt32()
        let timestamp = try reader.readUInt32()
        guard reader.remaining <= Self.maximumPayloadLength else {
            throw .lengthOverLimit(length: reader.remaining, limit: Self.maximumPayloadLength)
        }
        try self.init(sequence: sequence, timestamp: timestamp, codec: codec, payload: reader.readRest())
    }
}
