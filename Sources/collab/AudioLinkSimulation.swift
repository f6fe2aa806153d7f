import Collaboration
import Foundation
import Opus
import RTCBase
import RTCSimulation

/// One sender's audio through a simulated LAN link into the engine's receive path, on a virtual
/// clock: the real encoder, `AudioFrame` compact wire form, `AudioOutput` (jitter buffer, FEC/PLC,
/// decode, ring) and a 128-frame audio callback; CPU of encode and decode measured on the side.
struct AudioLinkSimulation {
    let duration: OpusFrameDuration
    /// Loss probability per frame, 0...1.
    let loss: Double
    /// Seconds of audio.
    let seconds: Double
    /// One-way delay, µs, and its uniform jitter on top.
    var baseDelay: Int64 = 1_000
    var jitter: Int64 = 1_000

    struct Result {
        var framing: Double = 0          // ms
        var lookahead: Double = 0        // ms
        var encode: Double = 0           // ms per frame (CPU)
        var network: Double = 0          // ms mean one-way
        var jitterBuffer: Double = 0     // ms mean wait
        var outputQueue: Double = 0      // ms mean ring fill before a frame is written
        var decode: Double = 0           // ms per frame (CPU, pump)
        var concealedRatio: Double = 0   // concealed slots / slots played
        var underflowRatio: Double = 0   // samples the callback found missing / samples rendered while playing
        var lost = 0
        var recovered = 0                // FEC + redundancy
        var payloadKbps: Double = 0      // the compact form, as this version's peers send each other
        var fullPayloadKbps: Double = 0  // the full form, as an older peer gets it
        var wireKbps: Double = 0
        var encodeSecondsPerSecond: Double = 0
        var decodeSecondsPerSecond: Double = 0

        /// What the engine adds: framing, look-ahead, encode, jitter buffer, output queue, decode.
        var engineAdded: Double { framing + lookahead + encode + jitterBuffer + outputQueue + decode }
    }

    /// Bytes below our payload for one message: SCTP common header (12) + DATA chunk header (16),
    /// DTLS 1.2 record header (13) + AES-GCM explicit nonce and tag (8 + 16), UDP (8), IPv4 (20).
    static let wireOverhead = 12 + 16 + 13 + 24 + 8 + 20

    func run() throws -> Result {
        let settings = AudioSettings(codec: .opus, channels: 2, frameDuration: duration, bitrate: 96_000)
        let encoder = try OpusEncoder(configuration: settings.opus)
        // What the receiver's loss reports would tell the sender: FEC at ≥ 10 ms, redundancy below.
        try encoder.setExpectedLoss(percent: Int((loss * 100).rounded()))
        let redundancy = loss > 0 && !duration.supportsInbandFEC
        let output = AudioOutput(capacity: 1)
        let sender = CollaborationEngineID.sender
        var random = SeededRandom(seed: 14 &+ UInt64(duration.samples) &* 31 &+ UInt64(loss * 1000))
        let frameCount = Int(seconds * 48_000) / duration.samples
        let clock = ContinuousClock()
        var encodeTime = Duration.zero
        var decodeTime = Duration.zero
        var payloadBytes = 0
        var fullPayloadBytes = 0
        var wireBytes = 0
        var networkDelay: Int64 = 0
        var deliveredCount = 0
        // Arrivals in time order: (instant, frame).
        var arrivals: [(at: Int64, frame: AudioFrame)] = []
        var previous: [UInt8] = []
        var pcm = [Float](repeating: 0, count: settings.samplesPerFrame)
        for index in 0..<frameCount {
            for sample in 0..<duration.samples {
                let value = Float(0.3 * sin(2 * Double.pi * 330 * Double(index * duration.samples + sample) / 48_000))
                pcm[2 * sample] = value
                pcm[2 * sample + 1] = value
            }
            let started = clock.now
            let packet = try encoder.encode(pcm)
            encodeTime += clock.now - started
            let frame = try AudioFrame(sequence: UInt32(index), timestamp: UInt32(index * duration.samples),
                                       codec: .opus(channels: 2), payload: packet, redundancy: redundancy ? previous : [])
            previous = packet
            let wire = frame.encoded(compact: true)
            let bytes = wire.count
            payloadBytes += bytes
            fullPayloadBytes += frame.encoded().count
            wireBytes += bytes + Self.wireOverhead + (4 - bytes % 4) % 4
            // Captured when its last sample is in: the end of the frame.
            let sent = Int64(index + 1) * duration.microseconds
            guard !random.chance(loss) else { continue }
            let delay = baseDelay + Int64(random.nextUnit() * Double(jitter))
            networkDelay += delay
            deliveredCount += 1
            arrivals.append((sent + delay, try AudioFrame(decoding: wire)))
        }
        arrivals.sort { $0.at < $1.at }
        // Virtual time in 250 µs steps: arrivals, the pump every 2 ms, a 128-frame callback.
        var mix = [Float](repeating: 0, count: 128 * AudioOutput.channels)
        var next = 0
        var renderedSamples = 0
        // Until the last frame is due: the silence after the stream is not an underflow to count.
        let end = Int64(frameCount) * duration.microseconds + 20_000
        var now: Int64 = 0
        while now < end {
            while next < arrivals.count, arrivals[next].at <= now {
                output.receive(arrivals[next].frame, from: sender, now: arrivals[next].at)
                next += 1
            }
            if now % 2_000 == 0 {
                let started = clock.now
                output.pump(now: now)
                decodeTime += clock.now - started
            }
            while Int64(renderedSamples) * 1_000_000 / 48_000 <= now {
                mix.withUnsafeMutableBufferPointer { _ = output.render(frames: 128, into: $0) }
                renderedSamples += 128
            }
            now += 250
        }
        var result = Result()
        let stats = try output.statistics().first.unwrapped("no audio received")
        let receiver = stats.receiver
        let slots = receiver.decoded + receiver.concealed + receiver.fecRecovered
        result.framing = duration.milliseconds
        result.lookahead = Double(encoder.lookahead) / 48
        result.encode = encodeTime.rtcSeconds * 1000 / Double(frameCount)
        result.network = Double(networkDelay) / Double(max(1, deliveredCount)) / 1000
        result.jitterBuffer = receiver.bufferDelay / 1000
        result.outputQueue = stats.outputQueue / 48
        result.decode = decodeTime.rtcSeconds * 1000 / Double(max(1, slots))
        result.concealedRatio = Double(receiver.concealed) / Double(max(1, slots))
        result.underflowRatio = Double(stats.renderUnderflows) / Double(max(1, renderedSamples))
        result.lost = receiver.lost
        result.recovered = receiver.fecRecovered + receiver.redundancyRecovered
        let audioSeconds = Double(frameCount * duration.samples) / 48_000
        result.payloadKbps = Double(payloadBytes) * 8 / audioSeconds / 1000
        result.fullPayloadKbps = Double(fullPayloadBytes) * 8 / audioSeconds / 1000
        result.wireKbps = Double(wireBytes) * 8 / audioSeconds / 1000
        result.encodeSecondsPerSecond = encodeTime.rtcSeconds / audioSeconds
        result.decodeSecondsPerSecond = decodeTime.rtcSeconds / audioSeconds
        return result
    }
}

/// The simulated sender's participant ID.
enum CollaborationEngineID {
    static let sender = UUID(uuidString: "00000000-0000-0000-0000-000000000014") ?? UUID()
}

extension Optional {
    func unwrapped(_ message: String) throws -> Wrapped {
        guard let self else { throw DemoError(message) }
        return self
    }
}
