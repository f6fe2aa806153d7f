import Collaboration
import Opus
import Foundation
import Testing

/// Two engines on loopback: Opus frames out of one, jitter-buffered and decoded audio rendered
/// from the other's pull API.
@Suite("Engine audio over loopback", .timeLimit(.minutes(1)))
struct AudioLoopbackTests {
    @Test("Ana sends a tone as Opus; Ben's audio output renders it, decoded from Opus")
    func opusRendered() async throws {
        try await TestServer.with { server in
            let (probes, ids) = try await EngineProbe.connectedPair(server)
            let ana = probes[0].engine
            let ben = probes[1].engine
            let settings = ana.audioSettings
            #expect(settings.codec == .opus && settings.frameDuration == .ms5)
            var mix = [Float](repeating: 0, count: 240 * AudioOutput.channels)
            var loud = 0
            var phase = 0
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(20)
            // A sender and an audio callback, both every 5 ms (the callback's pace is the device's).
            for _ in 0..<2_000 where loud < 20 && clock.now < deadline {
                var frame: [Float] = []
                for _ in 0..<240 {
                    let value = Float(0.4 * sin(2 * Double.pi * 440 * Double(phase) / 48_000))
                    frame += [value, value]
                    phase += 1
                }
                try ana.send(audio: frame)
                let contributed = mix.withUnsafeMutableBufferPointer { ben.audioOutput.render(frames: 240, into: $0) }
                if contributed == 1, (mix.map(abs).max() ?? 0) > 0.2 { loud += 1 }
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(loud >= 20, "rendered audio from Ana")
            let stats = try #require(ben.audioStatistics().first { $0.participant == ids[0] })
            #expect(stats.codec == .opus(channels: 2))
            #expect(stats.receiver.decoded > 0)
            #expect(stats.receiver.frameSamples == 240)
            for probe in probes { await probe.close() }
        }
    }
}
