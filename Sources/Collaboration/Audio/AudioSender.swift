import Opus

/// The send side of the engine's audio: stamps captured frames with sequence and media time and
/// encodes them once per codec the peers need. Owns an Opus encoder: not `Sendable`; the engine
/// keeps it behind its own lock.
final class AudioSender {
    private(set) var settings: AudioSettings
    /// The local encoder complexity, kept across the host's settings changes; passed to the
    /// encoder as given (``OpusEncoder`` clamps it to libopus's range).
    let complexity: Int
    private var encoder: OpusEncoder?
    private var sequence: UInt32 = 0
    private var timestamp: UInt32 = 0
    private var previousOpus: [UInt8]?

    init(settings: AudioSettings, complexity: Int = OpusConfiguration.defaultComplexity) {
        self.settings = settings
        self.complexity = complexity
    }

    /// Encodes one frame of interleaved float PCM (`plan.settings.samplesPerFrame` samples in
    /// -1...1) in the forms `plan` asks for.
    ///
    /// `plan.loss` is the worst loss a peer reported, percent: it turns Opus in-band FEC on at
    /// 10 and 20 ms; `plan.redundancy` adds the previous packet at 2.5 and 5 ms.
    func encode(_ samples: [Float], plan: AudioPlan) throws(EngineError) -> EncodedAudio {
        let settings = plan.settings
        guard samples.count == settings.samplesPerFrame else {
            throw .payload(.invalidValue("audio: \(samples.count) samples, want \(settings.samplesPerFrame)"))
        }
        if settings.opus != self.settings.opus {
            encoder = nil
            previousOpus = nil
        }
        self.settings = settings
        let opus = plan.opus || plan.compactOpus
        if opus, encoder == nil {
            do {
                var configuration = settings.opus
                configuration.complexity = complexity
                encoder = try OpusEncoder(configuration: configuration)
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
                    try encoder.setExpectedLoss(percent: plan.loss)
                    packet = try encoder.encode(samples)
                } catch {
                    throw .invalidValue("audio: opus (\(error))")
                }
                let frame = try AudioFrame(sequence: sequence, timestamp: timestamp, codec: .opus(channels: channels), payload: packet)
                if plan.opus { encoded.opus = frame.encoded() }
                if plan.compactOpus { encoded.compactOpus = frame.encoded(compact: true) }
                if plan.redundancy, !settings.frameDuration.supportsInbandFEC, let previousOpus {
                    let redundant = try AudioFrame(sequence: sequence, timestamp: timestamp, codec: .opus(channels: channels),
                                                   payload: packet, redundancy: previousOpus)
                    if plan.opus { encoded.opusWithRedundancy = redundant.encoded() }
                    if plan.compactOpus { encoded.compactOpusWithRedundancy = redundant.encoded(compact: true) }
                }
                previousOpus = packet
            } else {
                previousOpus = nil
            }
            if plan.pcm {
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
