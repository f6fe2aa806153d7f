import Foundation
import Testing

@testable import Collaboration

/// In a room with a secret, bio is sealed end to end: a sample in the clear is refused (counted as
/// malformed, logged once), never delivered. The audit found it delivered like a sealed one.
@Suite("Engine core: sealed bio", .timeLimit(.minutes(1)))
struct SealedBioTests {
    let ana = CoreMesh.id(1)
    let ben = CoreMesh.id(2)
    static let sample = BioSample(heartRate: 61, rmssd: 42, coherence: 0.5, breathingRate: 6)

    /// Ana and Ben in a room with a secret, or without one.
    func pair(sealed: Bool) throws -> CoreMesh {
        let mesh = CoreMesh()
        if sealed { mesh.keys = try RoomKeys(secret: "blue heron", roomID: mesh.roomID, rounds: 1) }
        mesh.join(ana, name: "Ana")
        mesh.join(ben, name: "Ben")
        #expect(mesh.fullyConnected)
        return mesh
    }

    func bio(at id: UUID, from peer: UUID, in mesh: CoreMesh) -> [BioSample] {
        mesh.events(id).compactMap { if case .bio(peer, let sample) = $0 { sample } else { nil } }
    }

    /// `sender`'s engine sends a sample (sealed when the room has a secret).
    func sendBio(from sender: UUID, in mesh: CoreMesh) throws {
        try mesh.with(sender) { core throws(EngineError) in
            try core.send(bio: Self.sample, now: mesh.now)
            return ((), [])
        }
    }

    /// Ben's link sends `bytes` on the bio channel directly, as a modified or buggy client would.
    func sendRaw(_ bytes: [UInt8], from sender: UUID, to receiver: UUID, in mesh: CoreMesh) throws {
        let link = try #require(mesh.members[sender]?.core.link(to: receiver)?.link)
        try link.send(bytes, on: .bio)
        try mesh.with(sender) { _ throws(EngineError) in ((), []) }
    }

    @Test("Sealed room: a plain sample is dropped, counted as malformed and logged once; sealed ones are delivered")
    func plainRefusedInSealedRoom() throws {
        let mesh = try pair(sealed: true)
        try sendBio(from: ben, in: mesh)
        #expect(bio(at: ana, from: ben, in: mesh).count == 1, "sealed bio opened")
        #expect(mesh.carried.last.map { $0.channel == .bio && $0.bytes[1] == 0x02 } == true, "sent sealed (kind 0x02)")

        for _ in 0..<3 { try sendRaw(Self.sample.encoded(), from: ben, to: ana, in: mesh) }
        #expect(bio(at: ana, from: ben, in: mesh).count == 1, "no plain sample delivered")
        let stats = try #require(mesh.statistics(at: ana, of: ben))
        #expect(stats.channels[.bio]?.malformed == 3)
        #expect(stats.channels[.bio]?.received == 1)
        #expect(mesh.members[ana]?.logs.filter { $0.contains("in the clear") }.count == 1, "logged once per peer")
    }

    @Test("Room without a secret: plain samples are delivered; a sealed one is malformed")
    func plainAcceptedWithoutSecret() throws {
        let mesh = try pair(sealed: false)
        try sendBio(from: ben, in: mesh)
        #expect(bio(at: ana, from: ben, in: mesh).count == 1)
        let keys = try RoomKeys(secret: "blue heron", roomID: mesh.roomID, rounds: 1)
        var random = SystemRandomNumberGenerator()
        try sendRaw(try keys.bioSealer.seal(Self.sample, sender: ben, using: &random), from: ben, to: ana, in: mesh)
        #expect(bio(at: ana, from: ben, in: mesh).count == 1)
        #expect(try #require(mesh.statistics(at: ana, of: ben)).channels[.bio]?.malformed == 1)
    }
}
