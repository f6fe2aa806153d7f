import Foundation
import SignalingProtocol

/// What ``EngineCore`` is told, one input at a time, in the order it happened.
enum EngineInput: Sendable {
    /// A session was created or joined (the signaling client's reply), with the room's keys.
    case entered(RoomSnapshot, keys: RoomKeys?)
    /// Creating or joining failed after ``EngineCore/beginEntering()``.
    case enterFailed
    /// The application leaves the session.
    case leave
    /// The signaling connection went up or down (links keep running meanwhile).
    case signalingUp(Bool)
    /// The signaling client resumed our place in the room after a drop.
    case resumed(RoomSnapshot)
    /// The server no longer knows us: the session is over.
    case resumeFailed(SignalingError)
    /// A message from the signaling server.
    case server(ServerMessage)
    /// Something about the link of `generation` to `peer` (older generations are ignored).
    case link(peer: UUID, generation: UInt64, LinkInput)
    /// The housekeeping period passed: pings, acks, link health, restarts, lost peers.
    case tick
    /// The MIDI batching timer armed by ``EngineAction/armMIDIFlush(after:)`` fired.
    case midiFlush
    /// The timer armed by ``EngineAction/armMIDIPlayout(after:)`` fired: play what is due.
    case midiPlayout
    /// The server handed out fresh STUN/TURN servers (`ice-servers`): later links use them.
    case iceServers([ICEServer])
    /// This machine's usable addresses changed (Wi-Fi gone, cable in): links whose path used a
    /// vanished address, and links not up, are renegotiated at once by this side.
    case networkChanged(InterfaceChange)

    /// Whether this is a timer firing (tick, MIDI flush, MIDI play-out), which a closed engine ignores.
    var isTimer: Bool {
        switch self {
        case .tick, .midiFlush, .midiPlayout: true
        default: false
        }
    }
}
