import ArgumentParser
import Collaboration
import Opus

/// `--codec`, `--frame-ms`, `--bitrate`: how a room sends audio (the host's choice; a joiner's
/// own settings apply until the host's arrive, and to rooms it hosts after a host change).
/// `--complexity` is this participant's own encoder's, whoever hosts.
struct AudioOptions: ParsableArguments {
    @Option(help: "Audio codec: opus or pcm (16-bit, about 1.5 Mbit/s per stereo link, for LAN studios).")
    var codec = "opus"
    @Option(help: "Audio frame size in ms: 2.5, 5, 10 or 20 (FEC needs 10 or more; below, redundancy on loss).")
    var frameMs = 5.0
    @Option(help: "Opus bitrate in bits per second (stereo).") var bitrate = 96_000
    @Option(help: "This participant's Opus encoder complexity, 0-10: lower takes less encoder CPU at some cost in quality; never sent to the room.")
    var complexity = OpusConfiguration.defaultComplexity

    func validate() throws {
        guard AudioSettings.Codec(name: codec) != nil else { throw ValidationError("--codec must be opus or pcm") }
        guard OpusFrameDuration(milliseconds: frameMs) != nil else { throw ValidationError("--frame-ms must be 2.5, 5, 10 or 20") }
        guard AudioSettings.bitrateRange.contains(bitrate) else {
            throw ValidationError("--bitrate must be \(AudioSettings.bitrateRange.lowerBound)...\(AudioSettings.bitrateRange.upperBound)")
        }
        guard OpusConfiguration.complexityRange.contains(complexity) else { throw ValidationError("--complexity must be 0...10") }
    }

    /// The settings these options describe (stereo).
    var settings: AudioSettings {
        AudioSettings(codec: AudioSettings.Codec(name: codec) ?? .opus, channels: 2,
                      frameDuration: OpusFrameDuration(milliseconds: frameMs) ?? .ms5, bitrate: bitrate)
    }
}

extension AudioSettings.Codec {
    init?(name: String) {
        switch name.lowercased() {
        case "opus": self = .opus
        case "pcm": self = .pcm
        default: return nil
        }
    }
}
