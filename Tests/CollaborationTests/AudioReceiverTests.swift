import Foundation
import Opus
import Testing

@testable import Collaboration

/// The receive path's decisions and the pull API on a virtual clock: no sockets, no sleeps.
@Suite("Audio receive path", .timeLimit(.minutes(1)))
struct AudioReceiverTests {
    /// 5 ms stereo Opus frames of a tone, with each frame's previous packet kept for redundancy.
    static func opusFrames(_ count: Int, duration: OpusFrameDuration = .ms5, loss: Int = 0) throws -> [AudioFrame] {
        let encoder = try OpusEncoder(configuration: OpusConfiguration(channels: 2, frameDuration: duration, bitrate: 96_000))
        try encoder.setExpectedLoss(percent: loss)
        var frames: [AudioFrame] = []
        var previous: [UInt8] = []
        for index in 0..<count {
            var pcm: [Float] = []
            for sample in 0..<duration.samples {
                let value = Float(0.4 * sin(2 * Double.pi * 440 * Double(index * duration.samples + sample) / 48_000))
                pcm += [value, value]
            }
            let packet = try encoder.encode(pcm)
            frames.append(try AudioFrame(sequence: UInt32(index), timestamp: UInt32(index * duration.samples),
                                         codec: .opus(channels: 2), payload: packet, redundancy: previous))
            previous = packet
        }
        return frames
    }

    /// Without its redundancy.
    static func plain(_ frame: AudioFrame) throws -> AudioFrame {
        try AudioFrame(sequence: frame.sequence, timestamp: frame.timestamp, codec: frame.codec, payload: frame.payload)
    }

    @Test("Reordered frames play in sequence order; a missing one is concealed, counted lost")
    func reorderingAndLoss() throws {
        let frames = try Self.opusFrames(12).map(Self.plain)
        var receiver = AudioReceiver()
        // One arrival every 5 ms in the order 0 2 1 3 5 6 ... (4 never comes); play-out starts two
        // frames behind, one slot every 5 ms.
        let arrivals = [0, 2, 1, 3, 5, 6, 7, 8, 9, 10, 11]
        var played: [UInt32] = []
        var concealed = 0
        // Exactly one slot per frame sent (12), so the stream's end is not an underrun.
        for step in 0..<14 {
            let now = Int64(step) * 5_000
            if step < arrivals.count { receiver.insert(frames[arrivals[step]], now: now) }
            guard step >= 2 else { continue }
            switch receiver.next(now: now + 1) {
            case .decode(let frame): played.append(frame.sequence)
            case .conceal: concealed += 1
            case .decodeFEC: Issue.record("5 ms CELT frames carry no FEC")
            case .wait: break
            }
        }
        #expect(played == [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11])
        #expect(concealed == 1)
        #expect(receiver.statistics.lost == 1 && receiver.statistics.concealed == 1)
    }

    @Test("A frame of the old size that arrives after the host changed it is dropped, not a reason to rebuild the buffer")
    func stragglerAcrossSizeChange() throws {
        // 5 ms frames 0-5, then the host's change: 10 ms frames from sequence 6, in the compact form
        // as a peer of this version receives them (the timestamp is sequence × 480 from there).
        let short = try Self.opusFrames(6).map(Self.plain)
        let long = try Self.opusFrames(4, duration: .ms10).enumerated().map { index, frame in
            let moved = try AudioFrame(sequence: UInt32(6 + index), timestamp: 0, codec: frame.codec, payload: frame.payload)
            return try AudioFrame(decoding: moved.encoded(compact: true))
        }
        #expect(long.map(\.timestamp) == [2_880, 3_360, 3_840, 4_320])
        var receiver = AudioReceiver()
        for frame in short.prefix(5) { receiver.insert(frame, now: 0) }
        receiver.insert(long[0], now: 30_000)
        #expect(receiver.statistics.frameSamples == 480 && receiver.bufferedCount == 1)
        receiver.insert(short[5], now: 31_000)  // reordered behind the first 10 ms frame
        #expect(receiver.statistics.superseded == 1)
        #expect(receiver.statistics.frameSamples == 480 && receiver.bufferedCount == 1, "the new buffer kept")
        for (step, frame) in long.dropFirst().enumerated() { receiver.insert(frame, now: 40_000 + Int64(step) * 10_000) }
        var played: [UInt32] = []
        for step in 0..<4 {
            if case .decode(let frame) = receiver.next(now: 70_000 + Int64(step) * 10_000) { played.append(frame.sequence) }
        }
        #expect(played == [6, 7, 8, 9])
        #expect(receiver.statistics.lost == 0 && receiver.statistics.concealed == 0)
        // Far behind the change (more than the buffer holds) is a sender that started again: a fresh buffer.
        let restarted = try AudioFrame(sequence: 6 &- 1_000, timestamp: 0, codec: short[0].codec, payload: short[0].payload)
        receiver.insert(restarted, now: 120_000)
        #expect(receiver.statistics.superseded == 1 && receiver.statistics.frameSamples == 240 && receiver.bufferedCount == 1)
    }

    @Test("Redundancy: a lost 5 ms frame is rebuilt from the copy the next frame carries")
    func redundancyRecovers() throws {
        let frames = try Self.opusFrames(10)
        var receiver = AudioReceiver()
        var played: [UInt32] = []
        for step in 0..<12 {
            let now = Int64(step) * 5_000
            if step < frames.count, step != 4 { receiver.insert(frames[step], now: now) }
            if step >= 2, case .decode(let frame) = receiver.next(now: now + 1) { played.append(frame.sequence) }
        }
        #expect(played == Array(0..<10))
        #expect(receiver.statistics.redundancyRecovered == 1)
        #expect(receiver.statistics.lost == 0 && receiver.statistics.concealed == 0)
    }

    @Test("In-band FEC at 20 ms: a lost frame is decoded from the next frame's FEC")
    func fecChosen() throws {
        let frames = try Self.opusFrames(12, duration: .ms20, loss: 20).map(Self.plain)
        #expect(OpusDecoder.canCarryFEC(frames[6].payload))
        var receiver = AudioReceiver()
        var fecFor: [UInt32] = []
        for step in 0..<16 {
            let now = Int64(step) * 20_000
            if step < frames.count, step != 5 { receiver.insert(frames[step], now: now) }
            if step >= 2, case .decodeFEC(let source, let samples) = receiver.next(now: now + 1) {
                fecFor.append(source.sequence)
                #expect(samples == 960)
            }
        }
        #expect(fecFor == [6])
        #expect(receiver.statistics.fecRecovered == 1)
    }

    @Test("The output renders decoded audio per participant and mixed; a gap is concealed, not silent")
    func outputRenders() throws {
        let frames = try Self.opusFrames(60).map(Self.plain)
        let output = AudioOutput(capacity: 4)
        let ana = CoreMesh.id(1)
        let ben = CoreMesh.id(2)
        var mix = [Float](repeating: 0, count: 480)
        var own = [Float](repeating: 0, count: 480 * 4)
        var now: Int64 = 0
        var loudMixes = 0
        for index in 0..<60 {
            // Ben sends the same tone; frame 40 of Ana never arrives.
            if index != 40 { output.receive(frames[index], from: ana, now: now) }
            output.receive(frames[index], from: ben, now: now)
            output.pump(now: now)
            let contributed = mix.withUnsafeMutableBufferPointer { mixBuffer in
                own.withUnsafeMutableBufferPointer { ownBuffer in
                    output.render(frames: 240, into: mixBuffer, participants: ownBuffer)
                }
            }
            if contributed == 2, mix.map(abs).max() ?? 0 > 0.5 { loudMixes += 1 }
            now += 5_000
        }
        // Two equal tones of amplitude 0.4 sum to about 0.8 once both play.
        #expect(loudMixes > 40)
        let stats = output.statistics()
        #expect(stats.map(\.slot) == [0, 1])
        let anaStats = try #require(stats.first { $0.participant == ana })
        #expect(anaStats.receiver.concealed >= 1)
        #expect(anaStats.receiver.decoded >= 55)
        #expect(output.slot(of: ben) == 1)
        output.remove(ben)
        #expect(output.slot(of: ben) == nil)
    }

    @Test("PCM frames decode to the same samples, mono on both channels")
    func pcmRenders() throws {
        let output = AudioOutput(capacity: 1)
        let ana = CoreMesh.id(1)
        var samples: [UInt8] = []
        for index in 0..<240 {
            let value = UInt16(bitPattern: Int16(index * 100))
            samples += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
        }
        var now: Int64 = 0
        var mix = [Float](repeating: 0, count: 480)
        var heard: [Float] = []
        for index in 0..<6 {
            output.receive(try AudioFrame(sequence: UInt32(index), timestamp: UInt32(index * 240), codec: .pcm16(channels: 1),
                                          payload: samples), from: ana, now: now)
            output.pump(now: now)
            mix.withUnsafeMutableBufferPointer { _ = output.render(frames: 240, into: $0) }
            heard += mix
            now += 5_000
        }
        // After the ring's priming silence, the frame's samples: 0, 100, 200... on both channels.
        let first = try #require(heard.firstIndex { $0 != 0 })
        #expect(first.isMultiple(of: 2))
        for step in 0..<10 {
            let expected = Float((step + 1) * 100) / 32_768
            #expect(abs(heard[first + 2 * step] - expected) < 1e-6 && heard[first + 2 * step + 1] == heard[first + 2 * step])
        }
    }

    @Test("Loss reports: the meter counts the gaps of one period, then starts again")
    func lossMeter() {
        var meter = AudioLossMeter()
        #expect(meter.report() == nil)
        for sequence: UInt32 in [10, 11, 13, 14, 15, 16, 17, 18, 19] { meter.record(sequence) }
        #expect(meter.report() == 10)
        for sequence: UInt32 in [20, 21] { meter.record(sequence) }
        #expect(meter.report() == 0)
    }
}
