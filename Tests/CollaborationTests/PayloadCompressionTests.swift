import Foundation
import Testing

@testable import Collaboration

/// Payload version 2 (LZ4): large reliable payloads shrink for peers that expand them.
@Suite("Payload compression", .timeLimit(.minutes(1)))
struct PayloadCompressionTests {
    let long = String(repeating: "the groove sits behind the beat, breathe with the bass; ", count: 60)

    @Test("A large chat line compresses, expands back, and the decoders read it")
    func roundTrip() throws {
        let payload = try ChatMessage(long).encoded()
        let compressed = PayloadCompression.compressed(payload)
        #expect(compressed.count < payload.count / 4, "\(compressed.count) of \(payload.count)")
        #expect(Array(compressed.prefix(2)) == [2, 1])
        let expanded = try PayloadCompression.expand(compressed)
        #expect(expanded == payload)
        #expect(try ChatMessage(decoding: expanded).text == long)
    }

    @Test("Small, incompressible and version-1 payloads go as they are")
    func unchanged() throws {
        let small = try ChatMessage("ready?").encoded()
        #expect(PayloadCompression.compressed(small) == small)
        var random = SystemRandomNumberGenerator()
        let noise = [1, 4] + (0..<3000).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(PayloadCompression.compressed(noise) == noise, "LZ4 would only make it longer")
        #expect(try PayloadCompression.expand(small) == small)
        #expect(try PayloadCompression.expand([2, 0, 4, 0x41]) == [1, 4, 0x41], "version 2 without compression")
    }

    @Test("Bad version-2 payloads are typed errors, never a crash or an oversize buffer")
    func malformed() throws {
        let good = PayloadCompression.compressed(try ChatMessage(long).encoded())
        #expect(throws: PayloadError.invalidValue("compression.flags")) { try PayloadCompression.expand([2, 0x80, 0]) }
        #expect(throws: PayloadError.truncated) { try PayloadCompression.expand([2]) }
        #expect(throws: PayloadError.truncated) { try PayloadCompression.expand([2, 1, 0, 0]) }
        #expect(throws: PayloadError.invalidValue("compression.length")) { try PayloadCompression.expand([2, 1, 0, 0, 0, 0, 0x10]) }
        #expect(throws: PayloadError.lengthOverLimit(length: 0x7FFF_FFFF, limit: PayloadCompression.maximumExpandedLength)) {
            try PayloadCompression.expand([2, 1, 0x7F, 0xFF, 0xFF, 0xFF, 0x10])
        }
        var corrupt = good
        corrupt[corrupt.count / 2] ^= 0xFF
        corrupt[6] = 0xFF
        #expect(throws: PayloadError.self) { try PayloadCompression.expand(corrupt) }
        var longer = good
        longer[5] &+= 1  // states one byte more than the block holds
        #expect(throws: PayloadError.invalidValue("compression.block")) { try PayloadCompression.expand(longer) }
        #expect(throws: PayloadError.self) { try PayloadCompression.expand(Array(good.dropLast(3))) }
        for cut in stride(from: 7, to: good.count, by: 37) {
            #expect(throws: PayloadError.self) { try PayloadCompression.expand(Array(good.prefix(cut))) }
        }
    }

    @Test("Between two engines that announce LZ4, a long chat line travels compressed and arrives whole")
    func betweenEngines() throws {
        let ana = CoreMesh.id(1)
        let ben = CoreMesh.id(2)
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        #expect(mesh.fullyConnected)
        try mesh.chat(long, from: ana)
        #expect(mesh.chats(at: ben, from: ana) == [long])
        let chats = mesh.carried.filter { $0.channel == .chat }.map(\.bytes)
        let sent = try #require(chats.last)
        let envelope = try SequencedEnvelope(decoding: sent)
        #expect(envelope.payload.first == PayloadCompression.version)
        #expect(sent.count < long.utf8.count / 4)
    }
}
