import Foundation
import SignalingProtocol

/// The engine's mutable state, behind one lock. Held for short, non-suspending sections only.
struct EngineState {
    var connection: EngineConnectionState = .disconnected
    var session: CollaborationSession?
    var hostID: UUID?
    var localID: UUID?
    var localRole: ParticipantRole = .participant
    var localMuted = false
    var keys: RoomKeys?
    var peers: [UUID: PeerRecord] = [:]
    /// Arrival order of participants, for a stable listing.
    var order: [UUID] = []
    var batcher: MIDIBatcher
    var midiFlushScheduled = false
    var notes = NoteTracker()
    var group = GroupBioSync()
    var random = SystemRandomNumberGenerator()
    var closed = false
    var iceServers: [ICEServer] = []
    /// Participants removed as lost, and when: while the server still lists one, its offerer
    /// meets it again after `EngineTiming.peerRetryAfterLost` (nobody else would offer).
    var lostAt: [UUID: Int64] = [:]
    /// Signaling messages that arrived while joining, before the session was set up.
    var early: [ServerMessage] = []

    init(midiInterval: Int64) {
        batcher = MIDIBatcher(interval: midiInterval)
    }
}
