/// Feeds `bytes` to every payload decoder of the module, for a libFuzzer target.
///
/// Each decoder must either decode or throw `PayloadError`; anything else (a trap, a hang) is a
/// bug. A value that decodes is also re-encoded and decoded again, which must give it back.
package func fuzzDecodeAllPayloads(_ bytes: [UInt8]) {
    if let message = try? ControlMessage(decoding: bytes) {
        precondition((try? ControlMessage(decoding: message.encoded())) == message, "control round trip")
    }
    if let envelope = try? SequencedEnvelope(decoding: bytes) {
        precondition((try? SequencedEnvelope(decoding: envelope.encoded())) == envelope, "sequenced round trip")
    }
    if let chat = try? ChatMessage(decoding: bytes) {
        precondition((try? ChatMessage(decoding: chat.encoded())) == chat, "chat round trip")
    }
    if let batch = try? MIDIBatch(decoding: bytes) {
        precondition((try? MIDIBatch(decoding: batch.encoded())) == batch, "midi round trip")
    }
    if let payload = try? BioPayload(decoding: bytes) {
        precondition((try? BioPayload(decoding: payload.encoded())) == payload, "bio round trip")
    }
    if let frame = try? AudioFrame(decoding: bytes) {
        precondition((try? AudioFrame(decoding: frame.encoded())) == frame, "audio round trip")
        // The compact form drops the timestamp: it gives the frame back when that is sequence × frame size.
        if let compact = try? AudioFrame(decoding: frame.encoded(compact: true)) {
            precondition(compact.sequence == frame.sequence && compact.payload == frame.payload
                && compact.redundancy == frame.redundancy, "compact audio round trip")
            precondition((try? AudioFrame(decoding: compact.encoded(compact: true))) == compact, "compact audio fixed point")
        }
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        _ = try? SealedEnvelope(compact: text)
    }
    _ = try? SealedEnvelope(binary: bytes)
    if let expanded = try? PayloadCompression.expand(bytes) {
        precondition(expanded.count <= PayloadCompression.maximumExpandedLength + 1, "expansion bound")
        precondition((try? PayloadCompression.expand(PayloadCompression.compressed(expanded))) == expanded, "compression round trip")
    }
}
