/// What ``AudioReceiver/next(now:)`` asks the decoder to do for one play-out slot.
public enum AudioPlayout: Hashable, Sendable {
    /// Nothing to play yet (buffering, or refilling after an underrun): output silence and do
    /// not advance.
    case wait
    /// Decode this frame.
    case decode(AudioFrame)
    /// The slot's frame is lost but the next one (`source`) carries in-band FEC: decode that
    /// with FEC for `samples` per channel (RFC 6716 §2.1.7).
    case decodeFEC(source: AudioFrame, samples: Int)
    /// The slot's frame is lost: conceal `samples` per channel (Opus PLC; PCM plays silence).
    case conceal(samples: Int)
}
