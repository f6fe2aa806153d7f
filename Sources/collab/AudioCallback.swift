import Collaboration

/// Stands in for a sound card: pulls `engine.audioOutput` every 5 ms, as a real-time callback
/// of 240 frames would, and keeps the loudest sample heard (the demo has no speakers).
struct AudioCallback: Sendable {
    let engine: CollaborationEngine

    /// Runs until the task is cancelled; returns the peak level heard.
    func run() async -> Float {
        let frames = 240
        var mix = [Float](repeating: 0, count: frames * AudioOutput.channels)
        var peak: Float = 0
        let clock = ContinuousClock()
        var deadline = clock.now
        while !Task.isCancelled {
            deadline += .milliseconds(5)
            try? await Task.sleep(until: deadline, clock: clock)
            mix.withUnsafeMutableBufferPointer { _ = engine.audioOutput.render(frames: frames, into: $0) }
            for sample in mix where abs(sample) > peak { peak = abs(sample) }
        }
        return peak
    }
}
