import Foundation
import SignalingProtocol
import Testing

@testable import Collaboration

@Suite("Payload codecs", .timeLimit(.minutes(1)))
struct PayloadRoundTripTests {
    static let alice = UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF")!

    static let controlMessages: [ControlMessage] = [
        .hello(protocolVersion: 1, capabilities: [.midi, .bio, .audioPCM16, .sealedBio]),
        .hello(protocolVersion: 7, capabilities: PeerCapabilities(rawValue: 0xFFFF_FFFF)),
        .ping(id: 42, t0: 1_234_567),
        .ping(id: .max, t0: .min),
        .pong(id: 42, t0: 1, t1: -2, t2: .max),
        .mute(participant: alice, muted: true),
        .mute(participant: alice, muted: false),
        .transport(.play, at: 5_000_000),
        .transport(.pause, at: 0),
        .transport(.stop, at: -1),
        .transport(.seek(position: 90_000_000), at: 7),
        .transport(.tempo(bpm: 128.5), at: 7),
        .role(participant: alice, role: .host),
        .role(participant: alice, role: .coHost),
        .role(participant: alice, role: .participant),
        .role(participant: alice, role: .spectator),
        .ack([]),
        .ack([SequenceAck(channel: .control, stream: 1, next: 0), SequenceAck(channel: .chat, stream: .max, next: 7),
              SequenceAck(channel: .midi, stream: 0, next: .max)]),
    ]

    @Test("every control message round-trips", arguments: controlMessages)
    func controlRoundTrip(message: ControlMessage) throws {
        #expect(try ControlMessage(decoding: message.encoded()) == message)
    }

    @Test("ping has the documented byte layout")
    func pingLayout() {
        let bytes = ControlMessage.ping(id: 0x0102_0304, t0: 0x1122_3344_5566_7788).encoded()
        #expect(bytes == [1, 2, 1, 2, 3, 4, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88])
    }

    @Test("a MIDI batch round-trips and has the documented layout")
    func midiRoundTrip() throws {
        let events = [
            MIDIEvent.noteOn(channel: 0, note: 60, velocity: 100, timestamp: 1_000_000),
            try MIDIEvent(timestamp: 1_000_250, bytes: [0xC3, 5]),
            try MIDIEvent(timestamp: 1_000_100, bytes: [0xF8]),
            MIDIEvent.noteOff(channel: 15, note: 127, timestamp: 1_009_999),
        ]
        let batch = try MIDIBatch(sequence: 9, events: events)
        let bytes = batch.encoded()
        #expect(Array(bytes[0..<15]) == [1, 0, 0, 0, 9, 0, 4, 0, 0, 0, 0, 0, 0x0F, 0x42, 0x40])
        #expect(Array(bytes[15..<22]) == [0, 0, 0, 0, 0x90, 60, 100])
        #expect(bytes.count == 15 + 7 + 6 + 5 + 7)
        #expect(try MIDIBatch(decoding: bytes) == batch)
        #expect(try MIDIBatch(decoding: MIDIBatch(sequence: 0, events: []).encoded()).events.isEmpty)
    }

    @Test("bio samples round-trip with and without optional fields")
    func bioRoundTrip() throws {
        let samples = [
            BioSample(heartRate: 72, rmssd: 48, coherence: 0.61, breathingRate: 6, timestamp: 99),
            BioSample(heartRate: 58.3, rmssd: 80.1, coherence: 0.9, breathingRate: 5.5,
                      breathingPhase: 4.2, rrIntervals: [812, 830.5, 790], timestamp: -5),
            BioSample(heartRate: 60, rmssd: 0, coherence: 0, breathingRate: 0, rrIntervals: []),
        ]
        for sample in samples {
            #expect(try BioSample(decoding: sample.encoded()) == sample)
            #expect(try BioPayload(decoding: sample.encoded()) == .sample(sample))
        }
    }

    @Test("bio samples are sanitised on creation")
    func bioSanitised() {
        let sample = BioSample(
            heartRate: .nan, rmssd: 5000, coherence: -1, breathingRate: .infinity,
            breathingPhase: -Double.pi / 2, rrIntervals: [100, 800, .nan] + Array(repeating: 900, count: 80)
        )
        #expect(sample.heartRate == 0)
        #expect(sample.rmssd == 2000)
        #expect(sample.coherence == 0)
        #expect(sample.breathingRate == 0)
        #expect(abs((sample.breathingPhase ?? 0) - 3 * Double.pi / 2) < 1e-6)
        #expect(sample.rrIntervals?.count == BioSample.maximumRRIntervals)
    }

    @Test("chat and audio round-trip")
    func chatAndAudio() throws {
        let chat = try ChatMessage("ready? 🎹 ¿listos?")
        #expect(try ChatMessage(decoding: chat.encoded()) == chat)
        let frames = [
            try AudioFrame(sequence: 7, timestamp: 480, codec: .pcm16(channels: 2), payload: Array(repeating: 3, count: 1920)),
            try AudioFrame(sequence: .max, timestamp: .max, codec: .pcm16(channels: 1), payload: []),
            try AudioFrame(sequence: 1, timestamp: 2, codec: .opus(channels: 2), payload: [1, 2, 3]),
        ]
        for frame in frames { #expect(try AudioFrame(decoding: frame.encoded()) == frame) }
        #expect(frames[0].sampleCount == 480)
        #expect(Array(frames[0].encoded().prefix(11)) == [1, 1, 2, 0, 0, 0, 7, 0, 0, 1, 0xE0])
    }

    @Test("a sequenced envelope has the documented layout; malformed ones are typed errors")
    func sequencedEnvelope() throws {
        let envelope = SequencedEnvelope(stream: 0x0A0B_0C0D, sequence: 0x0102_0304, payload: [1, 0x68, 0x69])
        #expect(envelope.encoded() == [0xF0, 0x0A, 0x0B, 0x0C, 0x0D, 0x01, 0x02, 0x03, 0x04, 1, 0x68, 0x69])
        #expect(try SequencedEnvelope(decoding: envelope.encoded()) == envelope)
        #expect(SequencedEnvelope.isSequenced(envelope.encoded()))
        #expect(!SequencedEnvelope.isSequenced(try ChatMessage("hi").encoded()))
        #expect(throws: PayloadError.truncated) { try SequencedEnvelope(decoding: [0xF0, 0, 0, 0, 0, 0, 0]) }
        #expect(throws: PayloadError.invalidValue("sequenced.payload")) {
            try SequencedEnvelope(decoding: [0xF0, 0, 0, 0, 0, 0, 0, 0, 0])
        }
        #expect(throws: PayloadError.unsupportedVersion(1)) { try SequencedEnvelope(decoding: [1, 0x68]) }
        #expect(throws: PayloadError.invalidValue("ack.channel")) { try ControlMessage(decoding: [1, 7, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0]) }
        #expect(throws: PayloadError.countOverLimit(count: 9, limit: 8)) { try ControlMessage(decoding: [1, 7, 9]) }
    }

    @Test("malformed payloads give the typed error")
    func typedErrors() throws {
        #expect(throws: PayloadError.truncated) { try ControlMessage(decoding: []) }
        #expect(throws: PayloadError.unsupportedVersion(2)) { try ControlMessage(decoding: [2, 2]) }
        #expect(throws: PayloadError.unknownType(0x7F)) { try ControlMessage(decoding: [1, 0x7F]) }
        #expect(throws: PayloadError.truncated) { try ControlMessage(decoding: [1, 2, 0, 0, 0, 1]) }
        #expect(throws: PayloadError.trailingBytes(1)) {
            try ControlMessage(decoding: ControlMessage.transport(.play, at: 1).encoded() + [0])
        }
        var tempo = ControlMessage.transport(.tempo(bpm: 120), at: 0).encoded()
        tempo.replaceSubrange(11..., with: withUnsafeBytes(of: Double.nan.bitPattern.bigEndian) { Array($0) })
        #expect(throws: PayloadError.nonFiniteFloat) { try ControlMessage(decoding: tempo) }
        #expect(throws: PayloadError.invalidValue("transport.tempo")) {
            try ControlMessage(decoding: ControlMessage.transport(.tempo(bpm: 5000), at: 0).encoded())
        }
        #expect(throws: PayloadError.invalidUTF8) { try ChatMessage(decoding: [1, 0xC3, 0x28]) }
        #expect(throws: PayloadError.lengthOverLimit(length: 4097, limit: 4096)) {
            try ChatMessage(decoding: [1] + Array(repeating: 0x41, count: 4097))
        }
        #expect(throws: PayloadError.lengthOverLimit(length: 4097, limit: 4096)) {
            try ChatMessage(String(repeating: "a", count: 4097))
        }
        #expect(throws: PayloadError.invalidValue("midi.status")) { try MIDIEvent(timestamp: 0, bytes: [0xF0, 1]) }
        #expect(throws: PayloadError.invalidValue("midi.status")) { try MIDIEvent(timestamp: 0, bytes: [0x40, 1]) }
        #expect(throws: PayloadError.invalidValue("midi.data")) { try MIDIEvent(timestamp: 0, bytes: [0x90, 0x80, 1]) }
        #expect(throws: PayloadError.invalidValue("midi.length")) { try MIDIEvent(timestamp: 0, bytes: [0x90, 60]) }
        #expect(throws: PayloadError.countOverLimit(count: 257, limit: 256)) {
            try MIDIBatch(decoding: [1, 0, 0, 0, 0, 1, 1] + [UInt8](repeating: 0, count: 8))
        }
        #expect(throws: PayloadError.countOverLimit(count: 257, limit: 256)) {
            try MIDIBatch(sequence: 0, events: Array(repeating: .noteOn(channel: 0, note: 1, velocity: 1, timestamp: 0), count: 257))
        }
        var bio = BioSample(heartRate: 60, rmssd: 1, coherence: 0.5, breathingRate: 6).encoded()
        bio.replaceSubrange(19..<23, with: withUnsafeBytes(of: Float(1.5).bitPattern.bigEndian) { Array($0) })
        #expect(throws: PayloadError.invalidValue("bio.coherence")) { try BioSample(decoding: bio) }
        var rr = BioSample(heartRate: 60, rmssd: 1, coherence: 0.5, breathingRate: 6, rrIntervals: [800]).encoded()
        rr[27] = 65
        #expect(throws: PayloadError.countOverLimit(count: 65, limit: 64)) { try BioSample(decoding: rr) }
        #expect(throws: PayloadError.unknownType(9)) { try BioPayload(decoding: [1, 9]) }
        #expect(throws: PayloadError.invalidValue("audio.channels")) { try AudioFrame(decoding: [1, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0]) }
        #expect(throws: PayloadError.unknownType(7)) { try AudioFrame(decoding: [1, 7, 1, 0, 0, 0, 0, 0, 0, 0, 0]) }
        #expect(throws: PayloadError.invalidValue("audio.payload")) { try AudioFrame(decoding: [1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]) }
        #expect(throws: PayloadError.lengthOverLimit(length: 8194, limit: 8192)) {
            try AudioFrame(decoding: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8194))
        }
    }
}
