import Collaboration
import Foundation

/// The lines `collab demo`, `host` and `join` print when a recording ends.
struct RecordingReport {
    let index: RecordingIndex
    var directory: String?

    func print() {
        say(String(format: "recording: %.1f s%@", index.durationSeconds, directory.map { " in \($0)" } ?? ""))
        for participant in index.participants {
            let audio = participant.audioFile.map { file in
                String(format: "%@ (%d frames, %d concealed, %d late)", file, participant.audioFrames,
                       participant.concealedFrames, participant.lateFrames)
            } ?? "no audio"
            say("  \(participant.name)\(participant.local ? " (you)" : ""): \(audio), MIDI \(participant.midiEvents), "
                + "bio \(participant.bioSamples), chat \(participant.chatLines)")
        }
        say("  \(index.midiFile), \(index.bioFile), \(index.chatFile), index.json"
            + (index.droppedItems > 0 ? "; \(index.droppedItems) items dropped (disk too slow)" : ""))
        for error in index.errors { say("  ! \(error)") }
    }

    /// Prints `index` and, when it says the disk did not take the end in time, waits for the
    /// recorder's thread to write it (the process must not exit under it) and prints the final
    /// index; `abandon` tells how to stop waiting. Returns the last index printed.
    @discardableResult
    static func finish(_ index: RecordingIndex?, of engine: CollaborationEngine, directory: String?, abandon: String) async -> RecordingIndex? {
        guard let index else { return nil }
        RecordingReport(index: index, directory: directory).print()
        guard !index.complete else { return index }
        say("waiting for the disk to take the end of the recording; \(abandon) to abandon")
        guard let final = await engine.finishedRecording() else { return index }
        RecordingReport(index: final, directory: directory).print()
        return final
    }
}
