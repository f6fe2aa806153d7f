import Collaboration
import Foundation
import RTCBase
import RTCSimulation
import SignalingProtocol
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The demo's terminal view: redrawn in place with ANSI codes when stdout is a terminal,
/// a plain status line every few seconds otherwise (logs, CI).
final class DemoView: Sendable {
    let isTerminal: Bool
    /// How often `render` is called.
    let period: Duration

    init() {
        isTerminal = isatty(STDOUT_FILENO) != 0
        period = isTerminal ? .milliseconds(250) : .seconds(5)
    }

    /// A line of narration (kept above the live view on a terminal).
    func note(_ line: String) {
        say(line)
    }

    func render(engines: [CollaborationEngine], names: (UUID) -> String, tallies: [DemoTally], elapsed: Duration,
                total: Duration, roomCode: String, sealed: Bool) {
        let host = engines[0]
        let group = host.groupBio
        let counts = tallies.map { $0.counts.withLock { $0 } }
        let received = (
            chat: counts.map(\.chat).reduce(0, +), midi: counts.map(\.midiEvents).reduce(0, +),
            bio: counts.map(\.bio).reduce(0, +), audio: counts.map(\.audio).reduce(0, +)
        )
        let rss = Double(residentBytes()) / 1_048_576
        let groupLine = String(format: "group: HR %@  RMSSD %@  coherence %@  synchrony %@  flow leader %@",
                               Self.number(group.meanHeartRate, "%.1f"), Self.number(group.meanRMSSD, "%.0f ms"),
                               Self.number(group.meanCoherence, "%.2f"), Self.number(group.synchrony, "%.2f"),
                               group.flowLeader.map(names) ?? "–")
        guard isTerminal else {
            let links = engines.flatMap { $0.participants.filter { !$0.isLocal } }
            let rtts = links.compactMap(\.rtt).map(\.rtcSeconds)
            let connected = links.filter { $0.state == .connected }.count
            say(String(format: "[%5.1f s] links %d/%d up, RTT max %.2f ms | %@ | received chat %d midi %d bio %d audio %d | RSS %.1f MiB",
                       elapsed.rtcSeconds, connected, links.count, (rtts.max() ?? 0) * 1000, groupLine,
                       received.chat, received.midi, received.bio, received.audio, rss))
            return
        }
        var lines: [String] = []
        lines.append("\u{1B}[1mcollab demo\u{1B}[0m  room \(roomCode)  \(sealed ? "sealed (room secret)" : "no room secret")  "
                     + String(format: "%.1f / %.0f s  RSS %.1f MiB", elapsed.rtcSeconds, total.rtcSeconds, rss))
        lines.append("")
        lines.append("as seen by \(names(host.session?.localParticipantID ?? UUID())) (host):")
        lines.append("  " + Self.pad("participant", 10) + Self.pad("role", 13) + Self.pad("state", 12) + Self.pad("RTT", 11)
                     + Self.pad("clock offset", 14) + "quality")
        for participant in host.participants {
            lines.append("  " + Self.pad(participant.name, 10) + Self.pad(participant.role.rawValue, 13)
                         + Self.pad(participant.state.rawValue, 12)
                         + Self.pad(participant.rtt.map { Self.format($0) } ?? "–", 11)
                         + Self.pad(participant.clockOffset.map { Self.formatSigned($0) } ?? "–", 14)
                         + (participant.quality?.rawValue ?? "–"))
        }
        for audio in host.audioStatistics() {
            lines.append("  audio from " + Self.pad(names(audio.participant), 6) + Self.audioLine(audio))
        }
        lines.append("")
        lines.append(groupLine)
        lines.append("received by all: chat \(received.chat)  midi events \(received.midi)  bio \(received.bio)  audio frames \(received.audio)")
        lines.append("")
        lines.append(contentsOf: counts.flatMap(\.chatLines).suffix(4))
        let errors = counts.flatMap(\.errors)
        if !errors.isEmpty { lines.append("errors: " + errors.suffix(3).joined(separator: "; ")) }
        FileHandle.standardOutput.write(Data(("\u{1B}[H\u{1B}[J" + lines.joined(separator: "\n") + "\n").utf8))
    }

    /// One participant's received audio: codec, jitter buffer, loss and recovery, latency.
    static func audioLine(_ audio: AudioParticipantStatistics) -> String {
        let receiver = audio.receiver
        let codec = switch audio.codec {
        case .opus?: "opus"
        case .pcm16?: "pcm"
        case nil: "-"
        }
        return String(format: "%@ %.1f ms frames, decoded %d, lost %d, late %d, concealed %d, FEC %d, redundancy %d, "
                      + "buffer %.1f ms (target %.1f), latency %@",
                      codec, Double(receiver.frameSamples) / 48, receiver.decoded, receiver.lost, receiver.late, receiver.concealed,
                      receiver.fecRecovered, receiver.redundancyRecovered, receiver.bufferDelay / 1000,
                      Double(receiver.targetDepth) / 1000, audio.estimatedLatency.map { String(format: "%.1f ms", Double($0) / 1000) } ?? "–")
    }

    static func number(_ value: Double?, _ format: String) -> String {
        value.map { String(format: format, $0) } ?? "–"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func format(_ duration: Duration) -> String {
        let micros = duration.rtcSeconds * 1e6
        return micros < 1000 ? String(format: "%.0f us", micros) : String(format: "%.2f ms", micros / 1000)
    }

    static func formatSigned(_ duration: Duration) -> String {
        let micros = duration.rtcSeconds * 1e6
        return abs(micros) < 1000 ? String(format: "%+.0f us", micros) : String(format: "%+.2f ms", micros / 1000)
    }
}
