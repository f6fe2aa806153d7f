import Foundation
import Opus
import Testing

@testable import Collaboration

/// Capabilities per link and the host's room settings, on the core mesh (virtual clock).
@Suite("Audio negotiation", .timeLimit(.minutes(1)))
struct AudioNegotiationTests {
    let ana = CoreMesh.id(1)
    let ben = CoreMesh.id(2)
    let caro = CoreMesh.id(3)

    private func audio(at id: UUID, from peer: UUID, in mesh: CoreMesh) -> [AudioFrame] {
        mesh.events(id).compactMap { if case .audio(peer, let frame) = $0 { frame } else { nil } }
    }

    /// Ana encodes one frame per call and hands it to her core, as `send(audio:)` does.
    private func send(_ count: Int, from id: UUID, in mesh: CoreMesh, sender: AudioSender) throws {
        for _ in 0..<count {
            let plan = try mesh.with(id) { core throws(EngineError) in (try core.audioPlan(), []) }
            let encoded = try sender.encode([Float](repeating: 0.1, count: plan.settings.samplesPerFrame), plan: plan)
            try mesh.with(id) { core throws(EngineError) in
                core.send(audio: encoded)
                return ((), [])
            }
        }
    }

    /// Ana, Ben and Caro, where Caro's hello is an Opus engine's of the previous version (no compact audio).
    private func roomWithOlderOpusPeer() throws -> CoreMesh {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben"), (caro, "Caro")])
        let generation = try #require(mesh.members[ana]?.core.link(to: caro)?.generation)
        let oldHello = ControlMessage.hello(protocolVersion: 1, capabilities: [.midi, .bio, .audioPCM16, .audioOpus, .lz4]).encoded()
        mesh.enqueue(ana, .link(peer: caro, generation: generation, .event(.message(.control, oldHello))))
        mesh.run()
        return mesh
    }

    @Test("Peers that announce Opus get Opus; an older peer (hello without Opus) gets PCM")
    func olderPeerGetsPCM() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben"), (caro, "Caro")])
        #expect(mesh.fullyConnected)
        // Caro's hello, as an engine of the previous version sends it: no Opus bit.
        let generation = try #require(mesh.members[ana]?.core.link(to: caro)?.generation)
        let oldHello = ControlMessage.hello(protocolVersion: 1, capabilities: [.midi, .bio, .audioPCM16]).encoded()
        mesh.enqueue(ana, .link(peer: caro, generation: generation, .event(.message(.control, oldHello))))
        mesh.run()
        let sender = AudioSender(settings: AudioSettings())
        try send(3, from: ana, in: mesh, sender: sender)
        #expect(audio(at: ben, from: ana, in: mesh).map(\.codec) == Array(repeating: .opus(channels: 2), count: 3))
        #expect(audio(at: caro, from: ana, in: mesh).map(\.codec) == Array(repeating: .pcm16(channels: 2), count: 3))
        #expect(audio(at: ben, from: ana, in: mesh).first?.sampleCount == 240)
    }

    @Test("The local encoder complexity is kept across the host's settings; one outside libopus's 0...10 still encodes")
    func complexityIsLocal() throws {
        for outside in [42, -1] {
            // Passed through as given: the encoder is the one place that clamps it.
            let sender = AudioSender(settings: AudioSettings(), complexity: outside)
            #expect(sender.complexity == outside)
            let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
            try send(2, from: ana, in: mesh, sender: sender)
            #expect(audio(at: ben, from: ana, in: mesh).map(\.codec) == Array(repeating: .opus(channels: 2), count: 2))
        }
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        let sender = AudioSender(settings: AudioSettings(), complexity: 0)
        try send(3, from: ana, in: mesh, sender: sender)
        #expect(audio(at: ben, from: ana, in: mesh).map(\.codec) == Array(repeating: .opus(channels: 2), count: 3))
        #expect(sender.complexity == 0)
    }

    @Test("Peers that announce compact audio get the 6-byte header; an Opus peer of the previous version gets the 11-byte one")
    func olderOpusPeerGetsTheFullHeader() throws {
        let mesh = try roomWithOlderOpusPeer()
        let before = mesh.carried.count
        try send(3, from: ana, in: mesh, sender: AudioSender(settings: AudioSettings()))
        let tags = mesh.carried.dropFirst(before).filter { $0.0 == .audio }.map { $0.1[1] }
        #expect(tags.filter { $0 == 0x11 }.count == 3)
        #expect(tags.filter { $0 == 0x02 }.count == 3)
        // Both hear the same frames: the compact form's derived timestamp is the sender's.
        let heard = audio(at: ben, from: ana, in: mesh)
        #expect(heard.count == 3)
        #expect(heard == audio(at: caro, from: ana, in: mesh))
        #expect(heard.map(\.timestamp) == [0, 240, 480])
    }

    @Test("Across the host's frame-size change the compact peer's clock is sequence × size, the older peer's runs on; both hear the same frames")
    func compactClockAcrossFrameSizeChange() throws {
        let mesh = try roomWithOlderOpusPeer()
        let sender = AudioSender(settings: AudioSettings())
        try send(3, from: ana, in: mesh, sender: sender)
        try mesh.with(ana) { core throws(EngineError) in
            ((), try core.setAudioSettings(AudioSettings(codec: .opus, channels: 2, frameDuration: .ms10, bitrate: 96_000)))
        }
        try send(3, from: ana, in: mesh, sender: sender)
        let compact = audio(at: ben, from: ana, in: mesh)
        let full = audio(at: caro, from: ana, in: mesh)
        #expect(compact.map(\.sequence) == [0, 1, 2, 3, 4, 5] && full.map(\.sequence) == [0, 1, 2, 3, 4, 5])
        #expect(compact.map(\.sampleCount) == [240, 240, 240, 480, 480, 480])
        #expect(compact.map(\.payload) == full.map(\.payload))
        #expect(full.map(\.timestamp) == [0, 240, 480, 720, 1200, 1680], "the sender's own media clock")
        #expect(compact.map(\.timestamp) == [0, 240, 480, 1440, 1920, 2400], "sequence × frame size")
        // Both receive paths hear the 10 ms frames as one stream from the change on.
        for frames in [compact, full] {
            var receiver = AudioReceiver()
            for (index, frame) in frames.enumerated() { receiver.insert(frame, now: Int64(index) * 5_000) }
            #expect(receiver.statistics.frameSamples == 480 && receiver.bufferedCount == 3)
        }
    }

    @Test("The compact form's derived clock steps by one frame across the sequence wrap")
    func compactClockWraps() throws {
        let packet = try AudioReceiverTests.opusFrames(1)[0].payload
        let last = try AudioFrame(decoding: try AudioFrame(sequence: .max, timestamp: 0, codec: .opus(channels: 2), payload: packet).encoded(compact: true))
        let first = try AudioFrame(decoding: try AudioFrame(sequence: 0, timestamp: 0, codec: .opus(channels: 2), payload: packet).encoded(compact: true))
        #expect(last.timestamp == UInt32.max &* 240)
        #expect(first.timestamp &- last.timestamp == 240)
    }

    @Test("The host's settings reach the guests; a guest cannot set them; loss reports turn on redundancy")
    func hostSetsTheRoom() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        let settings = AudioSettings(codec: .opus, channels: 1, frameDuration: .ms10, bitrate: 64_000)
        try mesh.with(ana) { core throws(EngineError) in ((), try core.setAudioSettings(settings)) }
        #expect(mesh.members[ben]?.core.audioSettings == settings)
        #expect(throws: EngineError.self) {
            try mesh.with(ben) { core throws(EngineError) in ((), try core.setAudioSettings(AudioSettings())) }
        }
        // Back to 5 ms: Ben reports the loss of Ana's frames; her next frames carry redundancy.
        try mesh.with(ana) { core throws(EngineError) in ((), try core.setAudioSettings(AudioSettings())) }
        let sender = AudioSender(settings: AudioSettings())
        try send(2, from: ana, in: mesh, sender: sender)
        let generation = try #require(mesh.members[ana]?.core.link(to: ben)?.generation)
        mesh.enqueue(ana, .link(peer: ben, generation: generation, .event(.message(.control, ControlMessage.audioLoss(percent: 5).encoded()))))
        mesh.run()
        try send(2, from: ana, in: mesh, sender: sender)
        let frames = audio(at: ben, from: ana, in: mesh)
        #expect(frames.map { $0.redundancy.isEmpty } == [true, true, false, false])
        #expect(frames[2].redundancy == frames[1].payload)
    }

    @Test("Audio payloads: redundancy and settings round-trip; a malformed Opus packet is a typed error")
    func payloads() throws {
        let frames = try AudioReceiverTests.opusFrames(2)
        #expect(try AudioFrame(decoding: frames[1].encoded()) == frames[1])
        #expect(frames[1].encoded()[1] == 0x04)
        let settings = ControlMessage.audioSettings(AudioSettings(codec: .pcm, channels: 1, frameDuration: .ms2_5, bitrate: 48_000))
        #expect(try ControlMessage(decoding: settings.encoded()) == settings)
        #expect(try ControlMessage(decoding: ControlMessage.audioLoss(percent: 7).encoded()) == .audioLoss(percent: 7))
        // Code 1 with an odd length (RFC 6716 §3.4 R3).
        #expect(throws: PayloadError.invalidValue("audio.opus")) {
            try AudioFrame(sequence: 0, timestamp: 0, codec: .opus(channels: 2), payload: [0xED, 1, 2, 3])
        }
        // The compact form: 6 header bytes (8 with redundancy), the timestamp read from the sequence.
        #expect(frames[0].encoded(compact: true).count == frames[0].encoded().count - 5)
        #expect(frames[1].encoded(compact: true).count == frames[1].encoded().count - 5)
        #expect(Array(frames[1].encoded(compact: true).prefix(6)) == [1, 0x13, 0, 0, 0, 1])
        for frame in frames { #expect(try AudioFrame(decoding: frame.encoded(compact: true)) == frame) }
        let mono = try AudioFrame(sequence: 9, timestamp: 9 * 240, codec: .opus(channels: 1), payload: frames[0].payload)
        #expect(try AudioFrame(decoding: mono.encoded(compact: true)) == mono)
        // Malformed compact frames are typed errors: cut in the sequence, no packet, a redundancy
        // length past the end, redundancy with nothing after the current packet.
        let compact = frames[1].encoded(compact: true)
        #expect(throws: PayloadError.truncated) { try AudioFrame(decoding: Array(compact.prefix(4))) }
        #expect(throws: PayloadError.invalidValue("audio.opus")) { try AudioFrame(decoding: [1, 0x11, 0, 0, 0, 1]) }
        #expect(throws: PayloadError.truncated) { try AudioFrame(decoding: [1, 0x13, 0, 0, 0, 1, 0xFF, 0xFF, 0xF8]) }
        #expect(throws: PayloadError.invalidValue("audio.redundancy")) {
            try AudioFrame(decoding: [1, 0x13, 0, 0, 0, 1, 0, UInt8(frames[1].payload.count)] + frames[1].payload)
        }
        #expect(throws: PayloadError.unknownType(0x14)) { try AudioFrame(decoding: [1, 0x14, 2, 0, 0, 0, 1, 0, 0, 0, 0]) }
        var bad = frames[0].encoded()
        bad[11] = 0xE3  // code 3 TOC with no frame count byte left valid
        bad = Array(bad.prefix(12))
        #expect(throws: PayloadError.self) { try AudioFrame(decoding: bad) }
    }
}
