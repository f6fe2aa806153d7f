import Foundation
import SignalingProtocol
import Testing

@testable import Collaboration

/// Recording notices (`ControlMessage.recording`) on a virtual clock: everyone learns who records.
@Suite("Engine core: recording notices", .timeLimit(.minutes(1)))
struct EngineCoreRecordingTests {
    let ana = CoreMesh.id(1)
    let ben = CoreMesh.id(2)
    let caro = CoreMesh.id(3)

    func recording(at id: UUID, of peer: UUID, in mesh: CoreMesh) -> Bool? {
        mesh.members[id]?.core.participants.first { $0.id == peer }?.isRecording
    }

    @Test("Starting is announced to every peer and to one who links later; stopping is announced too")
    func announcedNowAndLater() throws {
        let mesh = CoreMesh.room([(ana, "Ana"), (ben, "Ben")])
        #expect(mesh.fullyConnected)
        #expect(recording(at: ben, of: ana, in: mesh) == false)
        try mesh.with(ana) { core throws(EngineError) in ((), try core.setRecording(true)) }
        #expect(recording(at: ana, of: ana, in: mesh) == true, "our own participant shows it")
        #expect(recording(at: ben, of: ana, in: mesh) == true)
        #expect(mesh.events(ben).contains { if case .control(ana, .recording(active: true)) = $0 { true } else { false } })

        mesh.join(caro, name: "Caro")
        #expect(mesh.fullyConnected)
        #expect(recording(at: caro, of: ana, in: mesh) == true, "told on the new link's control channel")

        try mesh.with(ana) { core throws(EngineError) in ((), try core.setRecording(false)) }
        #expect(recording(at: ben, of: ana, in: mesh) == false)
        #expect(recording(at: caro, of: ana, in: mesh) == false)
        #expect(recording(at: ana, of: ana, in: mesh) == false)
    }

    @Test("Recording outside a session is refused")
    func notInSession() {
        var core = EngineCore(displayName: "Solo", timing: EngineTiming(), limits: EngineLimits(), iceServers: nil)
        #expect(throws: EngineError.notInSession) { _ = try core.setRecording(true) }
    }

    @Test("The notice round-trips; a flag other than 0 or 1 is refused")
    func coding() throws {
        for active in [true, false] {
            let message = ControlMessage.recording(active: active)
            #expect(try ControlMessage(decoding: message.encoded()) == message)
        }
        #expect(ControlMessage.recording(active: true).encoded() == [0x01, 0x0B, 0x01])
        #expect(throws: PayloadError.invalidValue("recording.active")) { try ControlMessage(decoding: [0x01, 0x0B, 0x02]) }
        #expect(throws: PayloadError.self) { try ControlMessage(decoding: [0x01, 0x0B]) }
    }
}
