import Opus
import Testing

@Suite struct OpusPacketTests {
    @Test func tocIsRead() throws {
        // config 31 (CELT FB 20 ms), stereo, code 0.
        let packet = try OpusPacket(validating: [0xFC, 1, 2, 3])
        #expect(packet.configuration == 31)
        #expect(packet.isStereo)
        #expect(packet.frameCount == 1)
        #expect(packet.samples == 960)
        #expect(packet.mode == .celt)
        // config 1 (SILK NB 20 ms), code 1: two equal frames.
        let two = try OpusPacket(validating: [0x09, 1, 2, 3, 4])
        #expect(two.mode == .silk && two.frameCount == 2 && two.samples == 1920)
    }

    @Test func malformedPacketsAreTypedErrors() {
        #expect(throws: OpusPacketError.empty) { try OpusPacket(validating: [UInt8]()) }
        #expect(throws: OpusPacketError.oddCBRLength) { try OpusPacket(validating: [0x01, 1, 2, 3]) }
        #expect(throws: OpusPacketError.frameTooLong(1276)) { try OpusPacket(validating: [0xF8] + [UInt8](repeating: 0, count: 1276)) }
        // Code 2: first frame claims 200 bytes of 2.
        #expect(throws: OpusPacketError.truncated) { try OpusPacket(validating: [0x02, 200, 1, 2]) }
        // Code 3 with no count byte, zero frames, and 49 frames of 2.5 ms.
        #expect(throws: OpusPacketError.truncated) { try OpusPacket(validating: [0x03]) }
        #expect(throws: OpusPacketError.invalidFrameCount(0)) { try OpusPacket(validating: [0x03, 0x00]) }
        #expect(throws: OpusPacketError.invalidFrameCount(49)) { try OpusPacket(validating: [0x83, 49]) }
        // Code 3 CBR: 5 bytes over 2 frames; padding longer than the packet.
        #expect(throws: OpusPacketError.unevenCBRFrames) { try OpusPacket(validating: [0x03, 0x02, 1, 2, 3, 4, 5]) }
        #expect(throws: OpusPacketError.invalidPadding) { try OpusPacket(validating: [0x03, 0x41, 9, 1]) }
        // Valid, but two frames: the engine sends one.
        #expect(throws: OpusPacketError.unsupportedDuration(samples: 1920)) { try OpusPacket.validateEngineFrame([0xF9, 1, 2]) }
    }

    @Test func decoderRefusesMalformedPackets() throws {
        let decoder = try OpusDecoder(channels: 2)
        var output = [Float](repeating: 0, count: 1920)
        let outcome = output.withUnsafeMutableBufferPointer { buffer in
            Result { () throws(OpusError) -> Int in try decoder.decode([0x01, 1, 2, 3], into: buffer) }
        }
        #expect(throws: OpusError.packet(.oddCBRLength)) { try outcome.get() }
    }

    /// Random packets either fail validation or decode without a crash (scripts/fuzz goes further).
    @Test func randomPacketsNeverCrash() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let decoder = try OpusDecoder(channels: 2)
        var output = [Float](repeating: 0, count: OpusPacket.maximumSamples * 2)
        var decoded = 0
        for _ in 0..<2_000 {
            let length = Int(next() % 64)
            let packet = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
            let samples = output.withUnsafeMutableBufferPointer { buffer in try? decoder.decode(packet, into: buffer) }
            if samples != nil { decoded += 1 }
        }
        #expect(decoded > 0)
    }
}
