import Foundation
import RTCTestSupport
import Testing

@testable import Collaboration

@Suite("Payload mutations", .timeLimit(.minutes(1)))
struct PayloadMutationTests {
    static func validPayloads() throws -> [[UInt8]] {
        let id = UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF")!
        let control = PayloadRoundTripTests.controlMessages.map { $0.encoded() }
        let midi = try MIDIBatch(sequence: 3, events: [
            .noteOn(channel: 1, note: 64, velocity: 90, timestamp: 10),
            .controlChange(channel: 1, controller: 64, value: 127, timestamp: 20),
            try MIDIEvent(timestamp: 30, bytes: [0xD1, 9]),
            try MIDIEvent(timestamp: 40, bytes: [0xFE]),
        ]).encoded()
        let bio = BioSample(heartRate: 70, rmssd: 40, coherence: 0.5, breathingRate: 6, breathingPhase: 1,
                            rrIntervals: [800, 810, 790], timestamp: 5).encoded()
        var random = SeededRandom(seed: 1)
        let keys = try RoomKeys(secret: "s", roomID: id, rounds: 1)
        let sealed = try keys.bioSealer.seal(BioSample(heartRate: 70, rmssd: 40, coherence: 0.5, breathingRate: 6),
                                             sender: id, using: &random)
        let audio = try AudioFrame(sequence: 1, timestamp: 480, codec: .pcm16(channels: 2), payload: Array(repeating: 1, count: 64)).encoded()
        let opus = try AudioReceiverTests.opusFrames(2)[1].encoded(compact: true)
        let signal = Array(try keys.signalSealer.seal("v=0", from: id, to: id, using: &random).utf8)
        let sequenced = SequencedEnvelope(stream: 9, sequence: 4, payload: try ChatMessage("hé").encoded()).encoded()
        return control + [midi, bio, sealed, audio, opus, try ChatMessage("hé").encoded(), signal, sequenced]
    }

    @Test("100 000 random mutations and truncations decode or throw, never trap")
    func mutations() async throws {
        let seeds = try Self.validPayloads()
        var random = SeededRandom(seed: 0xC011AB)
        var decoded = 0
        for round in 0..<100_000 {
            // Seconds of CPU: hand the pool's thread back now and then (see SDPMutationTests).
            if round % 2_000 == 0 { await Task.yield() }
            var bytes = seeds[round % seeds.count]
            switch random.next() % 4 {
            case 0:  // flip bits
                for _ in 0...(random.next() % 3) where !bytes.isEmpty {
                    bytes[Int(random.next() % UInt64(bytes.count))] ^= UInt8(1 << (random.next() % 8))
                }
            case 1:  // truncate
                bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
            case 2:  // random byte values
                for _ in 0...(random.next() % 4) where !bytes.isEmpty {
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                }
            default:  // insert or append bytes
                let position = Int(random.next() % UInt64(bytes.count + 1))
                bytes.insert(contentsOf: (0...(random.next() % 8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position)
            }
            fuzzDecodeAllPayloads(bytes)
            if (try? ControlMessage(decoding: bytes)) != nil { decoded += 1 }
        }
        // Some mutations must still decode (a field value changed), or the test proves little.
        #expect(decoded > 1000)
    }
}
