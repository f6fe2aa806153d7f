import Collaboration

/// What a real-time audio callback does with the engine: pulls `frames` of mixed, decoded audio
/// from `engine.audioOutput` per call, and keeps the loudest sample heard.
struct AudioCallback {
    let engine: CollaborationEngine
    private var mix: [Float]
    private let frames: Int
    private(set) var peak: Float = 0

    init(engine: CollaborationEngine, frames: Int) {
        self.engine = engine
        self.frames = frames
        mix = [Float](repeating: 0, count: frames * AudioOutput.channels)
    }

    mutating func render() {
        let frames = self.frames
        mix.withUnsafeMutableBufferPointer { _ = engine.audioOutput.render(frames: frames, into: $0) }
        for sample in mix where abs(sample) > peak { peak = abs(sample) }
    }
}
