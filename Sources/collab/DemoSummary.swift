import Collaboration
import Foundation
import RTCSimulation
import WebRTC

/// The end-of-run report shared by `collab demo` and `collab bench engine`.
struct DemoSummary {
    let outcome: DemoRoom.Outcome

    private var peers: [PeerStatistics] { outcome.statistics.flatMap(\.peers) }
    private var receivers: [AudioReceiverStatistics] { outcome.audio.flatMap(\.peers).map(\.receiver) }
    private var latencies: [Double] { outcome.audio.flatMap(\.peers).compactMap(\.estimatedLatency).map { Double($0) / 1000 } }
    private func total(_ channel: EngineChannel, _ count: (ChannelStatistics) -> Int) -> Int {
        peers.map { count($0[channel]) }.reduce(0, +)
    }
    private var cpuPerParticipant: Double { outcome.cpuSeconds / outcome.wallSeconds / Double(outcome.engines) * 100 }
    /// Per participant and second.
    private func rate(_ count: Int) -> Double { Double(count) / outcome.wallSeconds / Double(outcome.engines) }
    private var bufferWaitMilliseconds: Double {
        receivers.map(\.bufferDelay).reduce(0, +) / Double(max(1, receivers.count)) / 1000
    }
    private var meanLatency: Double { latencies.reduce(0, +) / Double(max(1, latencies.count)) }

    func print() {
        say("")
        say("per-channel delivery (all \(outcome.engines) participants, every link, both directions):")
        say("  " + DemoView.pad("channel", 9) + DemoView.pad("sent", 10) + DemoView.pad("received", 10)
            + DemoView.pad("delivered", 11) + DemoView.pad("malformed", 11) + "dropped")
        for channel in EngineChannel.allCases {
            let sent = total(channel, \.sent)
            let received = total(channel, \.received)
            let ratio = sent == 0 ? "–" : String(format: "%.2f %%", 100 * Double(received) / Double(sent))
            say("  " + DemoView.pad(channel.description, 9) + DemoView.pad("\(sent)", 10) + DemoView.pad("\(received)", 10)
                + DemoView.pad(ratio, 11) + DemoView.pad("\(total(channel, \.malformed))", 11) + "\(total(channel, \.dropped))")
        }
        let tallies = outcome.tallies
        say("  events delivered to the applications: chat \(tallies.map(\.chat).reduce(0, +)), "
            + "MIDI \(tallies.map(\.midiEvents).reduce(0, +)) events in \(tallies.map(\.midiBatches).reduce(0, +)) batches, "
            + "bio \(tallies.map(\.bio).reduce(0, +)), audio \(tallies.map(\.audio).reduce(0, +)) frames")
        say("  (control counts pings and pongs; MIDI counts 10 ms batches; restarts: \(peers.map(\.restarts).reduce(0, +)))")
        say("  MIDI played at the sender's time + \(peers.first.map { DemoView.format($0.midiPlayoutDelay) } ?? "–"); "
            + "late events (played at once): \(peers.map(\.lateMIDIEvents).reduce(0, +))")
        let audio = outcome.audio.flatMap(\.peers)
        if !audio.isEmpty {
            let decoded = receivers.map(\.decoded).reduce(0, +)
            let concealed = receivers.map(\.concealed).reduce(0, +)
            say("audio received (every participant from every other): "
                + "\(audio.filter { if case .opus? = $0.codec { true } else { false } }.count) of \(audio.count) streams Opus, "
                + "decoded \(decoded), lost \(receivers.map(\.lost).reduce(0, +)), late \(receivers.map(\.late).reduce(0, +)), "
                + "concealed \(concealed) (\(String(format: "%.2f %%", 100 * Double(concealed) / Double(max(1, decoded + concealed))))), "
                + "FEC \(receivers.map(\.fecRecovered).reduce(0, +)), redundancy \(receivers.map(\.redundancyRecovered).reduce(0, +))")
            say(String(format: "  jitter buffer wait mean %.1f ms; estimated capture-to-playout latency mean %.1f ms, max %.1f ms; "
                       + "peak level rendered %.2f", bufferWaitMilliseconds, meanLatency, latencies.max() ?? 0,
                       outcome.peaks.max() ?? 0))
        }
        say(String(format: "CPU: %.2f s over %.1f s for %d participants in one process (server included) = %.1f %% of a core per participant, ",
                   outcome.cpuSeconds, outcome.wallSeconds, outcome.engines, cpuPerParticipant) + Self.buildNote)
        say(String(format: "wire per participant: %.0f SCTP packets/s (%.0f SACK-only), %.0f DTLS records/s in %.0f UDP datagrams/s",
                   rate(outcome.wire.sctpPackets), rate(outcome.wire.sackOnlyPackets), rate(outcome.wire.records),
                   rate(outcome.wire.datagrams)))
        say(String(format: "RSS at the end: %.1f MiB", Double(residentBytes()) / 1_048_576))
        if let recording = outcome.recording { RecordingReport(index: recording).print() }
    }

    /// The same figures as `print()`, for `bench engine --json` (ratios in percent, times in ms).
    func report() -> BenchReport {
        let report = BenchReport()
        report.set("connected", outcome.connected ? 1 : 0)
        report.set("participants", Double(outcome.engines))
        report.set("seconds", outcome.wallSeconds)
        report.set("cpu_percent_per_participant", cpuPerParticipant)
        #if DEBUG
        report.set("release_build", 0)
        #else
        report.set("release_build", 1)
        #endif
        for channel in EngineChannel.allCases {
            let sent = total(channel, \.sent)
            report.set("\(channel.description)_sent", Double(sent))
            // Nothing sent reads 0, not 100: a run that carried nothing must not look perfect.
            report.set("\(channel.description)_delivered_percent",
                       sent == 0 ? 0 : 100 * Double(total(channel, \.received)) / Double(sent))
            report.set("\(channel.description)_malformed", Double(total(channel, \.malformed)))
            report.set("\(channel.description)_dropped", Double(total(channel, \.dropped)))
        }
        report.set("restarts", Double(peers.map(\.restarts).reduce(0, +)))
        report.set("midi_late_events", Double(peers.map(\.lateMIDIEvents).reduce(0, +)))
        report.set("audio_decoded", Double(receivers.map(\.decoded).reduce(0, +)))
        report.set("audio_lost", Double(receivers.map(\.lost).reduce(0, +)))
        report.set("audio_concealed", Double(receivers.map(\.concealed).reduce(0, +)))
        report.set("jitter_buffer_wait_ms", bufferWaitMilliseconds)
        report.set("capture_to_playout_ms", meanLatency)
        report.set("capture_to_playout_max_ms", latencies.max() ?? 0)
        report.set("sctp_packets_per_s", rate(outcome.wire.sctpPackets))
        report.set("sack_only_packets_per_s", rate(outcome.wire.sackOnlyPackets))
        report.set("dtls_records_per_s", rate(outcome.wire.records))
        report.set("udp_datagrams_per_s", rate(outcome.wire.datagrams))
        report.set("rss_mib", Double(residentBytes()) / 1_048_576)
        return report
    }

    /// Which build the CPU figure comes from: a debug build spends about three times a release
    /// build's CPU, so a first run must not pass its figure off as the real one.
    static var buildNote: String {
        #if DEBUG
        "measured on a DEBUG build (a release build, `swift build -c release`, needs about a third of it)"
        #else
        "release build"
        #endif
    }
}
