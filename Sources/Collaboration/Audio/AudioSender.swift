import Opus

/// The send side of the engine's audio: stamps captured frames with sequence and media time and
/// encodes them once per codec the peers need. Owns an Opus encoder: not `Sendable`; the engine
/// keeps it behind its own lock.
final class AudioSender {
    private(set) var settings: AudioSettings
    private var encoder: OpusEncoder?
    private var sequence: UInt32 = 0
    private var timestamp: UInt32 = 0
    private var previousOpus: [UInt8]?

    init(settings: AudioSettings) {
        self.settings = settings
    }

    /// Encodes one frame of interleaved float PCM (`settings.samplesPerFrame` samples in -1...1).
    ///
    /// `expectedLoss` is the worst loss a peer reported, percent: it turns Opus in-band FEC on at
    /// 10 and 20 ms; `redundancy` adds the previous packet at 2.5 and 5 ms.
    func encode(_ samples: [Float], settings: AudioSettings, opus: Bool, pcm: Bool, redundancy: Bool,
                expectedLoss: Int) throws(EngineError) -> EncodedAudio {
        guard samples.count == settings.samplesPerFrame else {
            throw .payload(.invalidValue("audio: \(samples.count) samples, want \(settings.samplesPerFrame)"))
        }
        if settings.opus != self.settings.opus {
            encoder = nil
            previousOpus = nil
        }
        self.settings = settings
        if opus, encoder == nil {
            do {
                encoder = try OpusEncoder(configuration: settings.opus)
            } catch {
                throw .payload(.invalidValue("audio: opus encoder (\(error))"))
            }
        }
        defer {
            sequence &+= 1
            timestamp &+= UInt32(settings.frameDuration.samples)
        }
        var encoded = EncodedAudio()
        let channels = UInt8(settings.channels)
        do throws(PayloadError) {
            if opus, let encoder {
                let packet: [UInt8]
                do {
                    try encoder.setExpectedLoss(percent: expectedLoss)
                    packet = try encoder.encode(samples)
                } catch {
                    throw .invalidValue("audio: opus (\(error))")
                }
                encoded.opus = try AudioFrame(sequence: sequence, timestamp: timestamp, codec: .opus(channels: channels),
                                              payload: packet).encoded()
                if redundancy, !settings.frameDuration.supportsInbandFEC, let previousOpus {
                    encoded.opusWithRedundancy = try AudioFrame(
                        sequence: sequence, timestamp: timestamp, codec: .opus(channels: channels), payload: packet,
                        redundancy: previousOpus).encoded()
                }
                previousOpus = packet
            } else {
                previousOpus = nil
            }
            if pcm {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(samples.count * 2)
                for sample in samples {
                    let value = UInt16(bitPattern: Int16(max(-1, min(1, sample.isFinite ? sample : 0)) * 32_767))
                    bytes.append(UInt8(truncatingIfNeeded: value))
                    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
                }
                encoded.pcm = try AudioFrame(sequence: sequence, timestamp: timestamp, codec: .pcm16(channels: channels),
                                             payload: bytes).encoded()
            }
        } catch {
            throw .payload(error)
        }
        return encoded
    }
}
