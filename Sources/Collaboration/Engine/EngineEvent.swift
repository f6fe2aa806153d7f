public import Foundation

/// What the engine reports on `CollaborationEngine.events`, in order.
public enum EngineEvent: Sendable {
    /// The session state changed.
    case connectionState(EngineConnectionState)
    /// A participant appeared (from the signaling server's notice).
    case participantJoined(Participant)
    /// A participant left or was lost; its sounding notes were released just before (as `.midi`).
    case participantLeft(UUID, reason: ParticipantLeaveReason)
    /// A participant's link state, role, mute or latency changed (latency once per ping, ~1 s).
    case participantUpdated(Participant)
    /// The host changed (the host left, or its grace period ran out).
    case hostChanged(UUID)
    /// A chat line.
    case chat(from: UUID, text: String)
    /// MIDI events, delivered when they fall due: at the sender's timestamp converted to OUR clock
    /// (`CollaborationEngine.now()`, once the clock offset is known) plus
    /// `EngineTiming.midiPlayoutDelay`, which is also their `timestamp`; events that arrived later
    /// come at once (counted in `PeerStatistics.lateMIDIEvents`). Note-offs the engine made for a
    /// lost peer arrive this way too.
    case midi(from: UUID, events: [MIDIEvent])
    /// A bio sample (opened if sealed), timestamp converted to our clock.
    case bio(from: UUID, sample: BioSample)
    /// An audio frame, as received (feed a `JitterBuffer` from the audio callback).
    case audio(from: UUID, frame: AudioFrame)
    /// A control action from the host or a co-host: `.transport`, `.mute`, `.role`.
    case control(from: UUID, message: ControlMessage)
    /// Something the application should show (for example `wrongRoomSecret`).
    case error(EngineError)
}
