import Opus

/// One frame of audio on the `audio` channel (unordered, no retransmission): one frame per SCTP
/// message.
///
/// Wire layout (docs/PAYLOADS.md): version, codec tag, channel count, sequence (u32), timestamp
/// (u32, samples at 48 kHz), then the payload filling the rest of the message. Tag `0x04` is Opus
/// with redundancy: a u16 length and the current packet, then the previous frame's packet again
/// (sent at 2.5 and 5 ms when the receiver reports loss, as JackTrip's `-r` does).
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
    /// Opus only: the previous frame's packet (sequence − 1) again, or empty.
    public let redundancy: [UInt8]

    /// Creates a frame.
    ///
    /// - Throws: `invalidValue("audio.channels")` unless the codec has 1 or 2 channels;
    ///   `lengthOverLimit` over `maximumPayloadLength`; `invalidValue("audio.payload")` when PCM
    ///   data is not a whole number of sample frames, `invalidValue("audio.opus")` when an Opus packet
    ///   is malformed or not one frame of 2.5, 5, 10 or 20 ms (RFC 6716 §3.4), and
    ///   `invalidValue("audio.redundancy")` for redundancy on PCM or of another frame size.
    public init(sequence: UInt32, timestamp: UInt32, codec: AudioCodec, payload: [UInt8], redundancy: [UInt8] = [])
        throws(PayloadError) {
        guard codec.channels == 1 || codec.channels == 2 else { throw .invalidValue("audio.channels") }
        guard payload.count + redundancy.count <= Self.maximumPayloadLength else {
            throw .lengthOverLimit(length: payload.count + redundancy.count, limit: Self.maximumPayloadLength)
        }
        switch codec {
        case .pcm16(let channels):
            guard payload.count.isMultiple(of: 2 * Int(channels)) else { throw .invalidValue("audio.payload") }
            guard redundancy.isEmpty else { throw .invalidValue("audio.redundancy") }
        case .opus:
            let duration: OpusFrameDuration
            do {
                duration = try OpusPacket.validateEngineFrame(payload)
            } catch {
                throw .invalidValue("audio.opus")
            }
            if !redundancy.isEmpty {
                guard (try? OpusPacket.validateEngineFrame(redundancy)) == duration else { throw .invalidValue("audio.redundancy") }
            }
        }
        self.sequence = sequence
        self.timestamp = timestamp
        self.codec = codec
        self.payload = payload
        self.redundancy = redundancy
    }

    /// The number of samples per channel (PCM: from the length; Opus: from the TOC byte).
    public var sampleCount: Int? {
        switch codec {
        case .pcm16(let channels): payload.count / (2 * Int(channels))
        case .opus: (try? OpusPacket(validating: payload))?.samples
        }
    }

    /// The binary form sent on the `audio` channel.
    public func encoded() -> [UInt8] {
        var writer = PayloadWriter(capacity: 13 + payload.count + redundancy.count)
        writer.write(PayloadFormat.version)
        writer.write(redundancy.isEmpty ? codec.tag : AudioCodec.opusWithRedundancyTag)
        writer.write(codec.channels)
        writer.write(sequence)
        writer.write(timestamp)
        if !redundancy.isEmpty { writer.write(UInt16(payload.count)) }
        writer.write(contentsOf: payload)
        writer.write(contentsOf: redundancy)
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
        let redundant = tag == AudioCodec.opusWithRedundancyTag
        let codec = try AudioCodec(tag: redundant ? AudioCodec.opus(channels: 1).tag : tag, channels: channels)
        let sequence = try reader.readUInt32()
        let timestamp = try reader.readUInt32()
        guard reader.remaining <= Self.maximumPayloadLength else {
            throw .lengthOverLimit(length: reader.remaining, limit: Self.maximumPayloadLength)
        }
        if redundant {
            let primary = try reader.readBytes(Int(try reader.readUInt16()))
            let previous = reader.readRest()
            guard !previous.isEmpty else { throw .invalidValue("audio.redundancy") }
            try self.init(sequence: sequence, timestamp: timestamp, codec: codec, payload: primary, redundancy: previous)
        } else {
            try self.init(sequence: sequence, timestamp: timestamp, codec: codec, payload: reader.readRest())
        }
    }
}
