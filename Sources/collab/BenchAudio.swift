import ArgumentParser
import Foundation
import Opus

/// `collab bench audio`: the latency budget, loss recovery, bandwidth and codec CPU of the
/// engine's audio path on a simulated LAN link (in process, virtual clock).
struct BenchAudio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audio",
        abstract: "Opus latency budget, concealment, bandwidth and CPU per participant on a simulated link.",
        discussion: """
            For 2.5, 5 and 10 ms frames and 0, 5, 10 and 20 % random loss: a stereo tone encoded at \
            96 kbit/s (FEC at 10 ms, redundancy below when loss is reported), sent through a \
            simulated link (1 ms one-way plus up to 1 ms jitter) into the engine's AudioOutput \
            (jitter buffer, FEC/PLC, decode, the ring a 128-frame audio callback reads), on a \
            virtual clock. Budget columns: framing, codec look-ahead, encode and decode CPU per frame, \
            network, jitter-buffer wait and output queue (engine-added = all but network). Bandwidth \
            per link: payload (Opus + our compact header; "full": the 11-byte header an older peer \
            gets) and wire (+ SCTP, DTLS, UDP, IPv4, with the compact header). CPU per \
            participant in a room of N: one encode and N-1 decodes per frame, as % of one core. \
            SCTP acknowledgements and the other channels are not counted here (see bench engine).
            """
    )

    @Option(help: "Seconds of audio per case.") var seconds = 10.0
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func run() async throws {
        let report = BenchReport()
        var lines: [String] = []
        lines.append("frame  loss | framing look-ahead encode network jitter-buf out-queue decode | engine-added | concealed underflow recovered | payload full wire kbit/s | CPU/participant room 4, 8")
        for duration in [OpusFrameDuration.ms2_5, .ms5, .ms10] {
            for loss in [0, 5, 10, 20] {
                let result = try AudioLinkSimulation(duration: duration, loss: Double(loss) / 100, seconds: seconds).run()
                let key = "\(duration.milliseconds)ms_loss\(loss)"
                let cpu4 = 100 * (result.encodeSecondsPerSecond + 3 * result.decodeSecondsPerSecond)
                let cpu8 = 100 * (result.encodeSecondsPerSecond + 7 * result.decodeSecondsPerSecond)
                for (name, value) in [("framing_ms", result.framing), ("lookahead_ms", result.lookahead), ("encode_ms", result.encode),
                                      ("network_ms", result.network), ("jitter_buffer_ms", result.jitterBuffer),
                                      ("output_queue_ms", result.outputQueue), ("decode_ms", result.decode),
                                      ("engine_added_ms", result.engineAdded), ("concealed_ratio", result.concealedRatio), ("underflow_ratio", result.underflowRatio),
                                      ("recovered_frames", Double(result.recovered)), ("payload_kbps", result.payloadKbps), ("payload_full_kbps", result.fullPayloadKbps),
                                      ("wire_kbps", result.wireKbps), ("cpu_room4_percent", cpu4), ("cpu_room8_percent", cpu8)] {
                    report.set("\(key)_\(name)", value)
                }
                lines.append(String(format: "%-5@ %3d%% | %7.2f %10.2f %6.3f %7.2f %10.2f %9.2f %6.3f | %12.2f | %8.2f%% %8.2f%% %9d | %7.1f %4.1f %4.1f | %5.2f%% %5.2f%%",
                                    duration.description as NSString, loss, result.framing, result.lookahead, result.encode,
                                    result.network, result.jitterBuffer, result.outputQueue, result.decode, result.engineAdded,
                                    100 * result.concealedRatio, 100 * result.underflowRatio, result.recovered, result.payloadKbps, result.fullPayloadKbps, result.wireKbps, cpu4, cpu8))
            }
        }
        if json {
            print(report.json())
        } else {
            print(lines.joined(separator: "\n"))
            print("(times in ms; engine-added excludes the network; CPU: codec work only, % of one core)")
        }
    }
}
