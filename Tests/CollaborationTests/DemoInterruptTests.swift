import Foundation
import RTCTestSupport
import Testing

@testable import Collaboration

/// `collab demo` stopped by Ctrl-C (SIGINT) or SIGTERM in the middle of its play.
// Serialized: each case runs a whole demo (a server and two engines, debug build), and two at
// once beside the rest of the suite starve the signaling tests on a 2-core machine.
@Suite("The demo interrupted", .serialized, .timeLimit(.minutes(2)))
struct DemoInterruptTests {
    @Test("SIGINT or SIGTERM ends the play: the sound cards stop, the recording is finished, every participant closes, exit 130 or 143",
          arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func interruptShutsDownCleanly(signal: Int32, status: Int32) async throws {
        let collab = ChildProcess.builtExecutable("collab")
        try #require(FileManager.default.isExecutableFile(atPath: collab.path), "build collab first: \(collab.path)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("collab-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let directory = scratch.appendingPathComponent("take")
        let demo = try ChildProcess([collab.path, "demo", "--guests", "1", "--seconds", "120", "--midi-rate", "20",
                                     "--record", directory.path], output: .pipeStandardOutput)
        defer { demo.stop(SIGKILL, grace: 0) }

        // The demo says when the host starts recording; the play (and the sound cards) start right
        // after, and the first status line comes from within it. One deadline for all the reads.
        let printed = await onOwnThread {
            var printed: [String] = []
            let deadline = Date().addingTimeInterval(60)
            for _ in 0..<1_000 {
                let left = deadline.timeIntervalSinceNow
                guard left > 0, let line = demo.readLine(within: left) else { break }
                printed.append(line)
                if printed.dropLast().contains(where: { $0.contains("records the session into") }) { break }
            }
            return printed
        }
        try #require(printed.dropLast().contains { $0.contains("records the session into") },
                     "the demo never started playing with a recording; it printed:\n\(printed.joined(separator: "\n"))")

        kill(demo.pid, signal)
        // Bounded, not measured: a hang in the shutdown fails here instead of hanging the suite.
        let (code, rest) = await onOwnThread { (demo.exitCode(within: 30), demo.readAll(within: 5)) }
        #expect(code == status, "it printed:\n\(rest)")
        #expect(rest.contains("interrupted") && rest.contains("per-channel delivery"), "the summary of what was played:\n\(rest)")
        let index = try JSONDecoder().decode(RecordingIndex.self, from: Data(contentsOf: directory.appendingPathComponent("index.json")))
        #expect(index.complete && index.errors.isEmpty, "the recording was finished: \(index.errors)")
        #expect(index.participants.count == 2)
    }
}
