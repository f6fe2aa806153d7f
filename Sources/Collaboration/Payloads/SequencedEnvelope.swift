/// The prefix that lets a message on a reliable channel (control, chat, MIDI) survive a link
/// restart: the sender keeps it until the receiver acknowledges it and resends it on the next link;
/// the receiver drops what it already had (docs/PAYLOADS.md, "Sequencing").
///
/// Layout: `0xF0` (never a format version), `stream u32`, `sequence u32`, then the v1 payload.
/// `stream` is drawn at random when the sender first meets the receiver, so a sender that forgot
/// the receiver (removed as lost, then met again) starts a new numbering the receiver recognises.
public struct SequencedEnvelope: Hashable, Sendable {
    /// The first byte of every sequenced message.
    public static let marker: UInt8 = 0xF0
    /// Bytes before the payload.
    public static let headerSize = 9

    /// The sender's numbering for this receiver and channel.
    public var stream: UInt32
    /// +1 per message (wrapping).
    public var sequence: UInt32
    /// The v1 payload of the channel.
    public var payload: [UInt8]

    /// An envelope around `payload`.
    public init(stream: UInt32, sequence: UInt32, payload: [UInt8]) {
        self.stream = stream
        self.sequence = sequence
        self.payload = payload
    }

    /// The binary form.
    public func encoded() -> [UInt8] {
        var writer = PayloadWriter(capacity: Self.headerSize + payload.count)
        writer.write(Self.marker)
        writer.write(stream)
        writer.write(sequence)
        writer.write(contentsOf: payload)
        return writer.bytes
    }

    /// Whether `bytes` is sequenced (starts with the marker) rather than a plain v1 message.
    public static func isSequenced(_ bytes: [UInt8]) -> Bool {
        bytes.first == marker
    }

    /// Decodes a sequenced message.
    ///
    /// - Throws: `PayloadError.unsupportedVersion` without the marker, `.truncated` for a short
    ///   header, `.invalidValue("sequenced.payload")` for an empty payload; never traps.
    public init(decoding bytes: [UInt8]) throws(PayloadError) {
        var reader = PayloadReader(bytes)
        let marker = try reader.readUInt8()
        guard marker == Self.marker else { throw .unsupportedVersion(marker) }
        stream = try reader.readUInt32()
        sequence = try reader.readUInt32()
        payload = reader.readRest()
        guard !payload.isEmpty else { throw .invalidValue("sequenced.payload") }
    }
}
