import Foundation
import Opus
import RTCTestSupport
import SignalingProtocol
import Testing

@testable import Collaboration

/// The shared known-answer vectors (Tests/Vectors/collab-vectors.json): the Swift codecs and sealers must produce and
/// accept exactly the bytes collab.js does (the browser half runs in Chromium: Tests/Browser/vectors-test.js).
@Suite("Shared vectors with the browser client", .timeLimit(.minutes(1)))
struct SharedVectorTests {
    static let vectors = Result { try SharedVectors.load() }

    static func bytes(_ text: String) -> [UInt8] {
        RTCTestSupport.hex(text)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The case name of an error (`invalidValue("x")` -> `invalidValue`), as the vectors name it.
    static func caseName(_ error: any Error) -> String {
        String(String(describing: error).prefix { $0 != "(" })
    }

    static func control(_ fields: [String: SharedVectors.Field]) throws -> ControlMessage {
        func text(_ key: String) throws -> String {
            guard case .text(let value) = fields[key] else { throw PayloadError.invalidValue(key) }
            return value
        }
        func int64(_ key: String) throws -> Int64 {
            guard let value = Int64(try text(key)) else { throw PayloadError.invalidValue(key) }
            return value
        }
        func number(_ key: String) throws -> Double {
            guard case .number(let value) = fields[key] else { throw PayloadError.invalidValue(key) }
            return value
        }
        func uuid(_ key: String) throws -> UUID {
            guard let value = UUID(uuidString: try text(key)) else { throw PayloadError.invalidValue(key) }
            return value
        }
        switch try text("type") {
        case "hello":
            return .hello(protocolVersion: UInt8(try number("protocolVersion")),
                          capabilities: PeerCapabilities(rawValue: UInt32(try number("capabilities"))))
        case "ping": return .ping(id: UInt32(try number("id")), t0: try int64("t0"))
        case "pong": return .pong(id: UInt32(try number("id")), t0: try int64("t0"), t1: try int64("t1"), t2: try int64("t2"))
        case "mute":
            guard case .bool(let muted) = fields["muted"] else { throw PayloadError.invalidValue("muted") }
            return .mute(participant: try uuid("participant"), muted: muted)
        case "transport":
            let command: TransportCommand = switch try text("command") {
            case "play": .play
            case "pause": .pause
            case "stop": .stop
            case "seek": .seek(position: try int64("position"))
            default: .tempo(bpm: try number("bpm"))
            }
            return .transport(command, at: try int64("at"))
        case "recording":
            guard case .bool(let active) = fields["active"] else { throw PayloadError.invalidValue("active") }
            return .recording(active: active)
        case "role":
            guard let role = ParticipantRole(rawValue: try text("role")) else { throw PayloadError.invalidValue("role") }
            return .role(participant: try uuid("participant"), role: role)
        case "audio-settings":
            guard let codec = AudioSettings.Codec(vectorName: try text("codec")),
                  let frame = OpusFrameDuration(rawValue: Int(try number("frame"))) else { throw PayloadError.invalidValue("audio-settings") }
            return .audioSettings(AudioSettings(codec: codec, channels: Int(try number("channels")), frameDuration: frame,
                                                bitrate: Int(try number("bitrate"))))
        case "audio-loss": return .audioLoss(percent: UInt8(try number("percent")))
        default:
            guard case .list(let entries) = fields["acks"] else { throw PayloadError.invalidValue("acks") }
            return .ack(try entries.map { entry in
                guard let channel = EngineChannel(rawValue: UInt16(entry["channel"] ?? 9)) else { throw PayloadError.invalidValue("channel") }
                return SequenceAck(channel: channel, stream: entry["stream"] ?? 0, next: entry["next"] ?? 0)
            })
        }
    }

    static func sample(_ vector: SharedVectors.Sample) -> BioSample {
        BioSample(heartRate: vector.heartRate, rmssd: vector.rmssd, coherence: vector.coherence,
                  breathingRate: vector.breathingRate, breathingPhase: vector.breathingPhase,
                  rrIntervals: vector.rrIntervals, timestamp: Int64(vector.timestamp)!)
    }

    @Test("control, chat, MIDI, bio, audio and sequenced vectors encode to their bytes and decode back")
    func payloads() throws {
        let vectors = try Self.vectors.get()
        #expect(vectors.control.count >= 10)
        for vector in vectors.control {
            let message = try Self.control(vector.message)
            #expect(Self.hex(message.encoded()) == vector.hex, "\(message)")
            #expect(try ControlMessage(decoding: Self.bytes(vector.hex)) == message)
        }
        for vector in vectors.chat {
            #expect(Self.hex(try ChatMessage(vector.text).encoded()) == vector.hex)
            #expect(try ChatMessage(decoding: Self.bytes(vector.hex)).text == vector.text)
        }
        for vector in vectors.midi {
            let events = try vector.batch.events.map { try MIDIEvent(timestamp: Int64($0.timestamp)!, bytes: Self.bytes($0.bytes)) }
            let batch = try MIDIBatch(sequence: vector.batch.sequence, events: events)
            #expect(Self.hex(batch.encoded()) == vector.hex)
            #expect(try MIDIBatch(decoding: Self.bytes(vector.hex)) == batch)
        }
        for vector in vectors.bio {
            let sample = Self.sample(vector.sample)
            #expect(Self.hex(sample.encoded()) == vector.hex)
            #expect(try BioSample(decoding: Self.bytes(vector.hex)) == sample)
        }
        for vector in vectors.audio {
            let channels = vector.frame.channels
            let codec: AudioCodec = vector.frame.codec == "opus" ? .opus(channels: channels) : .pcm16(channels: channels)
            let frame = try AudioFrame(sequence: vector.frame.sequence, timestamp: vector.frame.timestamp, codec: codec,
                                       payload: Self.bytes(vector.frame.payload), redundancy: Self.bytes(vector.frame.redundancy ?? ""))
            #expect(Self.hex(frame.encoded()) == vector.hex)
            #expect(try AudioFrame(decoding: Self.bytes(vector.hex)) == frame)
        }
        for vector in vectors.sequenced {
            let envelope = SequencedEnvelope(stream: vector.envelope.stream, sequence: vector.envelope.sequence,
                                             payload: Self.bytes(vector.envelope.payload))
            #expect(Self.hex(envelope.encoded()) == vector.hex)
            #expect(try SequencedEnvelope(decoding: Self.bytes(vector.hex)) == envelope)
        }
    }

    @Test("every malformed vector is refused with the same PayloadError case as in the browser")
    func malformed() throws {
        let vectors = try Self.vectors.get()
        #expect(vectors.invalid.count >= 20)
        for vector in vectors.invalid {
            let bytes = Self.bytes(vector.hex)
            do {
                switch vector.channel {
                case "control": _ = try ControlMessage(decoding: bytes)
                case "chat": _ = try ChatMessage(decoding: bytes)
                case "midi": _ = try MIDIBatch(decoding: bytes)
                case "bio": _ = try BioPayload(decoding: bytes)
                case "audio": _ = try AudioFrame(decoding: bytes)
                default: _ = try SequencedEnvelope(decoding: bytes)
                }
                Issue.record("accepted \(vector.channel) \(vector.hex)")
            } catch {
                #expect(Self.caseName(error) == vector.error, "\(vector.channel) \(vector.hex): \(error)")
            }
        }
    }

    @Test("room keys, sealed signals and sealed bio match the browser's bytes; refusals are the same")
    func sealing() throws {
        let sealing = try Self.vectors.get().sealing
        #expect(sealing.rounds == RoomKeys.rounds)
        let keys = try RoomKeys(secret: sealing.secret, roomID: sealing.roomID)
        #expect(Self.hex(keys.bioSealer.cipher.keyID) == sealing.bioKeyID)
        #expect(Self.hex(keys.signalSealer.cipher.keyID) == sealing.signalKeyID)
        for vector in sealing.signal {
            var random = ReplayRandom(Self.bytes(vector.nonce))
            #expect(try keys.signalSealer.seal(vector.text, from: vector.from, to: vector.to, using: &random) == vector.sealed)
            #expect(try keys.signalSealer.open(vector.sealed, from: vector.from, to: vector.to) == vector.text)
        }
        for vector in sealing.bio {
            var random = ReplayRandom(Self.bytes(vector.nonce))
            let sample = Self.sample(vector.sample)
            #expect(Self.hex(try keys.bioSealer.seal(sample, sender: vector.sender, using: &random)) == vector.hex)
            #expect(try keys.bioSealer.open(Self.bytes(vector.hex), sender: vector.sender) == sample)
        }
        let other = try RoomKeys(secret: sealing.otherSecret.secret, roomID: sealing.roomID)
        #expect(Self.hex(other.bioSealer.cipher.keyID) == sealing.otherSecret.bioKeyID)
        #expect(Self.hex(other.signalSealer.cipher.keyID) == sealing.otherSecret.signalKeyID)
        let foreign = sealing.otherSecret.signal
        #expect(throws: SealError.wrongSecret) {
            try keys.signalSealer.open(foreign.sealed, from: foreign.from, to: foreign.to)
        }
        #expect(SignalOpening.open(foreign.sealed, sealer: keys.signalSealer, from: foreign.from, to: foreign.to) == .wrongSecret)
        for refusal in sealing.refusals {
            do {
                if refusal.kind == "signal" {
                    _ = try keys.signalSealer.open(refusal.sealed ?? "", from: refusal.from!, to: refusal.to!)
                } else {
                    _ = try keys.bioSealer.open(Self.bytes(refusal.hex ?? ""), sender: refusal.sender!)
                }
                Issue.record("opened a refusal vector: \(refusal)")
            } catch {
                #expect(Self.caseName(error) == refusal.error, "\(refusal): \(error)")
            }
        }
    }

    @Test("the browser's coherence estimate (heart.js) gives the engine's figures on the same beats")
    func coherence() throws {
        for vector in try Self.vectors.get().coherence {
            let estimate = try #require(CoherenceEstimator.analyze(vector.rrIntervals))
            let expected = vector.estimate
            #expect(abs(estimate.heartRate - expected.heartRate) < 1e-6)
            #expect(abs(estimate.rmssd - expected.rmssd) < 1e-6)
            #expect(abs(estimate.coherence - expected.coherence) < 1e-6)
            #expect(abs(estimate.breathingRate - expected.breathingRate) < 1e-6)
            let phase = abs(estimate.breathingPhase - expected.breathingPhase)
            #expect(min(phase, 2 * Double.pi - phase) < 1e-6, "\(estimate.breathingPhase) vs \(expected.breathingPhase)")
        }
    }

    @Test("the engine's AudioLossMeter reports the browser's loss percentages on the same arrivals")
    func lossMeter() throws {
        for vector in try Self.vectors.get().lossMeter {
            var meter = AudioLossMeter()
            let reports = vector.periods.map { arrived -> UInt8? in
                for sequence in arrived { meter.record(sequence) }
                return meter.report()
            }
            #expect(reports == vector.percents, "\(vector.periods)")
        }
    }
}

extension AudioSettings.Codec {
    /// The codec as collab.js names it in the vectors.
    init?(vectorName: String) {
        switch vectorName {
        case "pcm": self = .pcm
        case "opus": self = .opus
        default: return nil
        }
    }
}
