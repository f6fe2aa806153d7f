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
}
