import DequeModule
/// The sender's side of one reliable channel toward one peer: every message is numbered and kept
/// until the peer acknowledges it, so a link restart loses nothing the old link had accepted but
/// not delivered. Sans-IO: the engine asks for the next message to send and reports success.
///
/// Bounded: past `capacity` unacknowledged messages the oldest is dropped (and counted); the
/// receiver then sees a gap and counts it as lost.
struct ReliableOutbox {
    /// This sender's numbering toward this peer (random per meeting, see ``SequencedEnvelope``).
    let stream: UInt32
    let capacity: Int
    private(set) var nextSequence: UInt32 = 0
    /// Unacknowledged messages, oldest first, already enveloped.
    private var entries: Deque<(sequence: UInt32, bytes: [UInt8], sentOnce: Bool)> = []
    /// Index of the first entry not yet sent on the current link.
    private var sendIndex = 0

    init(stream: UInt32, capacity: Int) {
        self.stream = stream
        self.capacity = max(1, capacity)
    }

    /// Messages kept (sent but unacknowledged, or not sent yet).
    var count: Int { entries.count }

    /// Numbers and keeps `payload`; returns whether an old message had to be dropped for it.
    mutating func append(_ payload: [UInt8]) -> Bool {
        let envelope = SequencedEnvelope(stream: stream, sequence: nextSequence, payload: payload)
        entries.append((nextSequence, envelope.encoded(), false))
        nextSequence &+= 1
        guard count > capacity else { return false }
        entries.removeFirst()
        sendIndex = max(0, sendIndex - 1)
        return true
    }

    /// The next message to hand to the link, and whether it went out before (a resend).
    func peek() -> (bytes: [UInt8], isResend: Bool)? {
        guard sendIndex < entries.count else { return nil }
        return (entries[sendIndex].bytes, entries[sendIndex].sentOnce)
    }

    /// The link took the message `peek` returned.
    mutating func markSent() {
        guard sendIndex < entries.count else { return }
        entries[sendIndex].sentOnce = true
        sendIndex += 1
    }

    /// A new link: nothing is known delivered beyond the last acknowledgement, so everything kept
    /// goes out again, in order (the receiver drops what it already had).
    mutating func rewind() {
        sendIndex = 0
    }

    /// The peer has everything before `next` of `stream`. Acknowledgements of another stream
    /// (an older meeting) or beyond what was sent are ignored.
    mutating func acknowledge(stream acked: UInt32, next: UInt32) {
        guard acked == stream else { return }
        let outstanding = nextSequence &- next
        guard outstanding <= UInt32(count) else { return }
        let drop = count - Int(outstanding)
        guard drop > 0 else { return }
        entries.removeFirst(drop)
        sendIndex = max(0, sendIndex - drop)
    }
}
