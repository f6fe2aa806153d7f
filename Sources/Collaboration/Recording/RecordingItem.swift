import Foundation

/// What the engine hands its recorder, stamped with the engine clock when it was heard.
enum RecordingItem: Sendable {
    case participant(id: UUID, name: String, local: Bool)
    /// Our own captured audio, interleaved, `channels` per frame.
    case localAudio(samples: [Float], channels: Int, at: Int64)
    case remoteAudio(from: UUID, frame: AudioFrame, at: Int64)
    case midi(from: UUID, events: [MIDIEvent])
    case bio(from: UUID, sample: BioSample, at: Int64)
    case chat(from: UUID, text: String, at: Int64)
}
