/// One entry of a control `ack`: the receiver has everything of `stream` on `channel` before
/// `next`, so the sender may forget those messages.
public struct SequenceAck: Hashable, Sendable {
    /// A reliable channel (control, chat or MIDI).
    public var channel: EngineChannel
    /// The sender's numbering being acknowledged.
    public var stream: UInt32
    /// The next sequence number the receiver expects.
    public var next: UInt32

    /// An acknowledgement.
    public init(channel: EngineChannel, stream: UInt32, next: UInt32) {
        self.channel = channel
        self.stream = stream
        self.next = next
    }
}
