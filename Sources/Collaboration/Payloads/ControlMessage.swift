public import Foundation
public import SignalingProtocol

/// A message on the `control` channel (ordered, reliable).
///
/// Wire layout: version, type byte, then the fields of the type (docs/PAYLOADS.md). Times are
/// microseconds; `t0`/`t3` are on the pinging peer's clock, `t1`/`t2` on the answering peer's.
public enum ControlMessage: Hashable, Sendable {
    /// Type `0x01`: the first message on a new control channel: protocol version and capabilities.
    case hello(protocolVersion: UInt8, capabilities: PeerCapabilities)
    /// Type `0x02`: clock-sync request, sent at `t0` (sender's clock).
    case ping(id: UInt32, t0: Int64)
    /// Type `0x03`: clock-sync answer: the ping's `id` and `t0`, its arrival `t1` and this
    /// answer's departure `t2` (answerer's clock).
    case pong(id: UInt32, t0: Int64, t1: Int64, t2: Int64)
    /// Type `0x04`: a host mutes or unmutes a participant.
    case mute(participant: UUID, muted: Bool)
    /// Type `0x05`: a transport action taking effect at `at` (microseconds, shared clock).
    case transport(TransportCommand, at: Int64)
    /// Type `0x06`: a participant's role changes.
    case role(participant: UUID, role: ParticipantRole)
    /// Type `0x07`: what the sender has received of the receiver's sequenced messages, per
    /// reliable channel (at most ``maximumAcks`` entries). Not itself sequenced.
    case ack([SequenceAck])
    /// Type `0x08`: the host sets how the room sends audio (sent only to peers whose hello
    /// announced Opus; the others keep receiving PCM).
    case audioSettings(AudioSettings)
    /// Type `0x0A`: the receiver's loss of the sender's audio over the last report period,
    /// percent, so the sender protects frames (FEC at 10 ms and longer, redundancy below).
    case audioLoss(percent: UInt8)
    /// Type `0x0B`: the sender started or stopped recording the session (bio data leaves its
    /// end-to-end seal in a recording, so everyone is told). Numbered like the session's other
    /// control messages, and repeated on every new control channel once the sender has recorded
    /// in this room.
    case recording(active: Bool)

    /// The most entries an `ack` carries (one per reliable channel, with room to grow).
    public static let maximumAcks = 8

    /// Whether this message is about the link it travels on (hello, ping, pong, ack) rather than
    /// about the session: those are sent plain, never kept for a resend on the next link.
    public var isLinkLocal: Bool {
        switch self {
        case .hello, .ping, .pong, .ack, .audioLoss: true
        case .mute, .transport, .role, .audioSettings, .recording: false
        }
    }
}
