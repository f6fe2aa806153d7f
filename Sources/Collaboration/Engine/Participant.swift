public import Foundation
public import SignalingProtocol

/// One member of the session as the engine sees it, ourselves included.
public struct Participant: Hashable, Sendable, Identifiable {
    /// The participant ID the signaling server gave.
    public let id: UUID
    /// The display name.
    public var name: String
    /// Host, co-host, participant or spectator.
    public var role: ParticipantRole
    /// Whether this is us.
    public var isLocal: Bool
    /// Whether the host muted this participant (its MIDI and audio are dropped).
    public var isMuted: Bool
    /// The peer link's state (`local` for us).
    public var state: ParticipantState
    /// Median round-trip time over the control channel's pings, once measured.
    public var rtt: Duration?
    /// Their clock minus ours (NTP-style, min-RTT filtered), once measured.
    public var clockOffset: Duration?
    /// Grade of `rtt`: excellent < 20 ms, good < 50, fair < 100, poor < 200, bad.
    public var quality: ConnectionQuality?
    /// The network path of the link to them (candidate types of ICE's selected pair), once chosen.
    public var path: LinkPath? = nil
    /// Whether this participant records the session (its announcement, `ControlMessage.recording`).
    public var isRecording = false
}
