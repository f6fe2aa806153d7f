public import Foundation

/// One remote participant's received audio, as ``CollaborationEngine/audioStatistics()`` reports it.
public struct AudioParticipantStatistics: Hashable, Sendable {
    /// Whose audio.
    public let participant: UUID
    /// The slot of the participant in ``AudioOutput/render(frames:into:participants:)``.
    public let slot: Int
    /// The codec of the last frame received.
    public var codec: AudioCodec?
    /// The receive counters (jitter buffer, recovery, concealment).
    public var receiver: AudioReceiverStatistics
    /// Frames waiting in the jitter buffer now.
    public var bufferedFrames: Int
    /// Mean samples per channel already in the ring when a decoded frame is written: how long its
    /// first sample waits for the audio callback.
    public var outputQueue: Double
    /// Samples per channel the audio callback asked for that were not ready.
    public var renderUnderflows: Int
    /// Estimated one-way latency from the sender's capture to local playout, µs: framing, the
    /// encoder's look-ahead, half the round trip, the jitter buffer's mean wait and the output
    /// queue (`nil` until the round trip is measured).
    public var estimatedLatency: Int64?
}
