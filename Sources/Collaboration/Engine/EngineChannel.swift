/// The five data channels every pair of peers opens, pre-negotiated with fixed SCTP stream ids.
///
/// Both sides create each channel themselves (`negotiated: true`), so no DCEP round trip is
/// needed and the ids never collide. Reliability follows DESIGN.md's table: control, chat and
/// MIDI are reliable and ordered; bio and audio are unordered with no retransmission (the newest
/// sample wins, late audio is lost audio).
public enum EngineChannel: UInt16, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Stream 0: ping/pong clock sync, hello, roles, mute, transport. Reliable, ordered.
    case control = 0
    /// Stream 1: chat lines. Reliable, ordered.
    case chat = 1
    /// Stream 2: MIDI batches (10 ms windows). Reliable, ordered: a lost note-off is a stuck note.
    case midi = 2
    /// Stream 3: bio samples, plain or sealed. Unordered, `maxRetransmits` 0.
    case bio = 3
    /// Stream 4: audio frames. Unordered, `maxRetransmits` 0.
    case audio = 4

    /// The data channel label (`collab-control`, ...), for tools that show labels.
    public var label: String { "collab-\(description)" }

    /// Whether the channel retransmits and keeps order.
    public var isReliable: Bool {
        switch self {
        case .control, .chat, .midi: true
        case .bio, .audio: false
        }
    }

    public var description: String {
        switch self {
        case .control: "control"
        case .chat: "chat"
        case .midi: "midi"
        case .bio: "bio"
        case .audio: "audio"
        }
    }
}
