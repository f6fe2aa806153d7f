import Opus

/// One frame of audio on the `audio` channel (unordered, no retransmission): one frame per SCTP
/// message.
///
/// Wire layout (docs/PAYLOADS.md): version, codec tag, channel count, sequence (u32), timestamp
/// (u32, samples at 48 kHz), then the payload filling the rest of the message. Tag `0x04` is Opus
/// with redundancy: a u16 length and the current packet, then the previous frame's packet again
/// (sent at 2.5 and 5 ms when the receiver reports loss, as JackTrip's `-r` does). Tags
/// `0x10`-`0x13` are the compact Opus form for peers that announced ``PeerCapabilities/compactAudio``:
/// the channel count and redundancy in the tag, no timestamp (it is `sequence × frame size`), 5
/// header bytes fewer per frame (16 kbit/s at 2.5 ms frames).
public struct AudioFrame: Hashable, Sendable {
    /// The largest payload accepted, in bytes (about 42 ms of 16-bit stereo PCM at 48 kHz).
    public static let maximumPayloadLength = 8192

    /// Increments by one per frame, wrapping at 2³² (as RTP's sequence number, but 32 bits).
    public let sequence: UInt32
    /// Media time of the first sample, in samples at 48 kHz (wrapping, as RTP's timestamp). A frame
    /// decoded from the compact form has `sequence × samples per frame` here, which is the sender's
    /// own only until its frame size changes (docs/PAYLOADS.md).
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
    ///
    /// `compact` (Opus only; PCM ignores it) writes the compact form, which carries no timestamp:
    /// its receiver reads `sequence × samples per frame` (wrapping), the sender's own timestamp only
    /// while the frame size has not changed. Only for peers that announced ``PeerCapabilities/compactAudio``.
    public func encoded(compact: Bool = false) -> [UInt8] {
        var writer = PayloadWriter(capacity: 13 + payload.count + redundancy.count)
        writer.write(PayloadFormat.version)
        if compact, case .opus(let channels) = codec {
            writer.write(AudioCodec.compactOpusTag(channels: channels, redundancy: !redundancy.isEmpty))
            writer.write(sequence)
        } else {
            writer.write(redundancy.isEmpty ? codec.tag : AudioCodec.opusWithRedundancyTag)
            writer.write(codec.channels)
            writer.write(sequence)
            writer.write(timestamp)
        }
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
        let codec: AudioCodec
        let redundant: Bool
        let sequence: UInt32
        var timestamp: UInt32?
        if let compact = AudioCodec.compactOpus(tag: tag) {
            (codec, redundant) = (.opus(channels: compact.channels), compact.redundancy)
            sequence = try reader.readUInt32()
        } else {
            let channels = try reader.readUInt8()
            redundant = tag == AudioCodec.opusWithRedundancyTag
            codec = try AudioCodec(tag: redundant ? AudioCodec.opus(channels: 1).tag : tag, channels: channels)
            sequence = try reader.readUInt32()
            timestamp = try reader.readUInt32()
        }
        guard reader.remaining <= Self.maximumPayloadLength else {
            throw .lengthOverLimit(length: reader.remaining, limit: Self.maximumPayloadLength)
        }
        let payload = if redundant { try reader.readBytes(Int(try reader.readUInt16())) } else { reader.readRest() }
        let previous = reader.readRest()
        if redundant, previous.isEmpty { throw .invalidValue("audio.redundancy") }
        // The compact form's media time: whole frames of the size the packet's TOC gives.
        let derived = timestamp ?? sequence &* UInt32((try? OpusPacket(validating: payload))?.samples ?? 0)
        try self.init(sequence: sequence, timestamp: derived, codec: codec, payload: payload, redundancy: previous)
    }
}
