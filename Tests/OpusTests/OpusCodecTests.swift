import Opus
import Testing

@Suite struct OpusCodecTests {
    /// Encodes `count` frames of the tone and decodes them all (no loss); returns input and output.
    private func roundTrip(_ configuration: OpusConfiguration, count: Int) throws -> (input: [Float], output: [Float], packets: [[UInt8]]) {
        let encoder = try OpusEncoder(configuration: configuration)
        let decoder = try OpusDecoder(channels: configuration.channels)
        let frames = Tone.frames(count: count, samples: configuration.frameDuration.samples, channels: configuration.channels)
        var output = [Float](repeating: 0, count: configuration.samplesPerFrame * count)
        var packets: [[UInt8]] = []
        for (index, frame) in frames.enumerated() {
            let packet = try encoder.encode(frame)
            packets.append(packet)
            let decoded = try output.withUnsafeMutableBufferPointer { buffer in
                try decoder.decode(packet, into: UnsafeMutableBufferPointer(rebasing: buffer[(index * configuration.samplesPerFrame)...]))
            }
            #expect(decoded == configuration.frameDuration.samples)
        }
        return (frames.flatMap { $0 }, output, packets)
    }

    @Test(arguments: OpusFrameDuration.allCases, [1, 2])
    func toneSurvivesTheRoundTrip(duration: OpusFrameDuration, channels: Int) throws {
        let configuration = OpusConfiguration(channels: channels, frameDuration: duration, bitrate: channels * 48_000)
        let count = 48_000 / 2 / duration.samples  // half a second
        let (input, output, packets) = try roundTrip(configuration, count: count)
        // Skip the first 100 ms while the codec settles; a sine at this rate comes back far above 10 dB.
        let skip = 4_800 * channels
        let snr = Tone.snr(reference: Array(input[skip..<(input.count - 960 * channels)]), decoded: Array(output[skip...]),
                           channels: channels)
        #expect(snr > 10, "SNR \(snr) dB at \(duration), \(channels) ch")
        for packet in packets {
            #expect(try OpusPacket.validateEngineFrame(packet) == duration)
        }
    }

    /// `--complexity` is a local choice: every setting must give packets any decoder reads.
    @Test(arguments: OpusConfiguration.complexityRange)
    func everyComplexityRoundTrips(complexity: Int) throws {
        let configuration = OpusConfiguration(channels: 2, frameDuration: .ms5, complexity: complexity)
        let (input, output, _) = try roundTrip(configuration, count: 100)
        let snr = Tone.snr(reference: Array(input[9_600..<(input.count - 1_920)]), decoded: Array(output[9_600...]), channels: 2)
        #expect(snr > 10, "SNR \(snr) dB at complexity \(complexity)")
    }

    /// The encoder is the one owner of the complexity's range: a value outside it runs at the
    /// nearest end, and the configuration says which.
    @Test(arguments: [(42, 10), (11, 10), (-1, 0), (Int.min, 0), (5, 5)])
    func complexityOutsideTheRangeIsClamped(requested: Int, used: Int) throws {
        let encoder = try OpusEncoder(configuration: OpusConfiguration(channels: 2, frameDuration: .ms5, complexity: requested))
        #expect(encoder.configuration.complexity == used)
        let packet = try encoder.encode(Tone.frames(count: 1, samples: 240, channels: 2)[0])
        #expect(!packet.isEmpty)
    }

    @Test func concealmentFillsEveryGap() throws {
        let configuration = OpusConfiguration(channels: 2, frameDuration: .ms5)
        let encoder = try OpusEncoder(configuration: configuration)
        let decoder = try OpusDecoder(channels: 2)
        var output = [Float](repeating: 0, count: configuration.samplesPerFrame)
        var concealedEnergy: [Double] = []
        for (index, frame) in Tone.frames(count: 60, samples: 240, channels: 2).enumerated() {
            let packet = try encoder.encode(frame)
            let decoded = try output.withUnsafeMutableBufferPointer { buffer in
                index >= 50 && index % 3 == 0 ? try decoder.conceal(samples: 240, into: buffer) : try decoder.decode(packet, into: buffer)
            }
            #expect(decoded == 240)
            if index >= 50 && index % 3 == 0 { concealedEnergy.append(Tone.rms(output[...])) }
        }
        // A concealed frame continues the tone instead of dropping to silence.
        #expect(concealedEnergy.count == 3)
        #expect(concealedEnergy.allSatisfy { $0 > 0.05 })
    }

    @Test(arguments: [OpusFrameDuration.ms10, .ms20])
    func inbandFECRebuildsALostFrame(duration: OpusFrameDuration) throws {
        let configuration = OpusConfiguration(channels: 1, frameDuration: duration, bitrate: 32_000)
        let encoder = try OpusEncoder(configuration: configuration)
        try encoder.setExpectedLoss(percent: 20)
        let frames = Tone.frames(count: 40, samples: duration.samples, channels: 1)
        let packets = try frames.map { try encoder.encode($0) }
        // The frame at `lost` never arrives; the next packet's FEC rebuilds it.
        let lost = 30
        #expect(OpusDecoder.canCarryFEC(packets[lost + 1]))
        func decodeLosing(_ recover: (OpusDecoder, UnsafeMutableBufferPointer<Float>) throws -> Int) throws -> [Float] {
            let decoder = try OpusDecoder(channels: 1)
            var output = [Float](repeating: 0, count: duration.samples * frames.count)
            try output.withUnsafeMutableBufferPointer { buffer in
                for index in 0..<frames.count {
                    let slot = UnsafeMutableBufferPointer(rebasing: buffer[(index * duration.samples)..<((index + 1) * duration.samples)])
                    _ = index == lost ? try recover(decoder, slot) : try decoder.decode(packets[index], into: slot)
                }
            }
            return output
        }
        let rebuilt = try decodeLosing { decoder, slot in try decoder.decodeFEC(from: packets[lost + 1], samples: duration.samples, into: slot) }
        let concealed = try decodeLosing { decoder, slot in try decoder.conceal(samples: duration.samples, into: slot) }
        let range = (lost * duration.samples)..<((lost + 1) * duration.samples)
        #expect(Tone.rms(rebuilt[range]) > 0.05)
        #expect(rebuilt[range] != concealed[range], "FEC decoded the same samples as concealment")
    }

    @Test func settingsReachTheEncoder() throws {
        let encoder = try OpusEncoder(configuration: OpusConfiguration(channels: 2, frameDuration: .ms5, bitrate: 64_000))
        try encoder.setBitrate(128_000)
        #expect(encoder.configuration.bitrate == 128_000)
        try encoder.setExpectedLoss(percent: 10)
        #expect(encoder.expectedLoss == 10)
        #expect(throws: OpusError.invalidFrameLength(got: 10, expected: 480)) { try encoder.encode([Float](repeating: 0, count: 10)) }
        #expect(throws: OpusError.invalidChannelCount(3)) { try OpusDecoder(channels: 3) }
    }
}
