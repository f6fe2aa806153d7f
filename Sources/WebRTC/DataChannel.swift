import NIOCore
import Synchronization

/// One data channel of a ``PeerConnection``: the W3C `RTCDataChannel`.
///
/// `send` is synchronous like the W3C method: it checks the state and size, adds the message to
/// ``bufferedAmount`` and hands it to the connection's event loop; ``bufferedAmount`` drops as SCTP
/// takes the bytes. Events (open, message, bufferedamountlow, closing, close) arrive in order on
/// ``events``; iterate it from one task.
///
/// Each event goes to one place: the handler of ``setEventHandler(_:)`` while one is set, else
/// ``events``. The stream keeps what it is given until read, without bound, from the channel's
/// creation on, so a task that starts reading late misses nothing (the open and the first messages
/// usually come before it runs). An application that neither reads ``events`` nor sets a handler
/// therefore keeps every message it receives: set a handler, even one that ignores the events.
public final class DataChannel: Sendable {
    /// W3C `label`.
    public let label: String
    /// W3C `protocol`.
    public let `protocol`: String
    /// W3C `ordered`.
    public let ordered: Bool
    /// W3C `maxRetransmits`.
    public let maxRetransmits: UInt16?
    /// W3C `maxPacketLifeTime`.
    public let maxPacketLifeTime: UInt16?
    /// W3C `negotiated`.
    public let negotiated: Bool
    /// Events in order; finishes after ``DataChannelEvent/close``.
    public let events: AsyncStream<DataChannelEvent>

    let handle: DataChannelHandle
    let connection: PeerConnectionLink
    let continuation: AsyncStream<DataChannelEvent>.Continuation
    let shared: Mutex<SharedState>

    struct SharedState {
        var id: UInt16?
        var readyState: DataChannelState = .connecting
        var bufferedAmount = 0
        var bufferedAmountLowThreshold = 0
        var eventHandler: (@Sendable (DataChannelEvent) -> Void)?
    }

    init(handle: DataChannelHandle, info: DataChannelInfo, state: DataChannelState, connection: PeerConnectionLink) {
        self.handle = handle
        self.label = info.label
        self.protocol = info.protocol
        self.ordered = info.ordered
        self.maxRetransmits = info.maxRetransmits
        self.maxPacketLifeTime = info.maxPacketLifeTime
        self.negotiated = info.negotiated
        self.connection = connection
        let (stream, continuation) = AsyncStream.makeStream(of: DataChannelEvent.self)
        self.events = stream
        self.continuation = continuation
        self.shared = Mutex(SharedState(id: info.id, readyState: state))
    }

    /// W3C `id`: the SCTP stream id, `nil` until the DTLS role fixes it for in-band channels.
    public var id: UInt16? { shared.withLock { $0.id } }
    /// W3C `readyState`.
    public var readyState: DataChannelState { shared.withLock { $0.readyState } }
    /// W3C `bufferedAmount`: bytes passed to `send` that SCTP has not taken yet.
    public var bufferedAmount: Int { shared.withLock { $0.bufferedAmount } }
    /// W3C `bufferedAmountLowThreshold`; ``DataChannelEvent/bufferedAmountLow`` fires when
    /// ``bufferedAmount`` falls from above it to at or below it.
    public var bufferedAmountLowThreshold: Int {
        get { shared.withLock { $0.bufferedAmountLowThreshold } }
        set { shared.withLock { $0.bufferedAmountLowThreshold = max(0, newValue) } }
    }

    /// W3C `send(USVString)`.
    public func send(_ text: String) throws(PeerConnectionError) {
        try send(message: .text(text))
    }

    /// W3C `send(ArrayBuffer)`.
    public func send(_ bytes: [UInt8]) throws(PeerConnectionError) {
        try send(message: .binary(bytes))
    }

    /// Sends a message; throws at once if the channel is not open, the message is larger than
    /// the remote accepts, or the queue is full.
    public func send(message: DataChannelMessage) throws(PeerConnectionError) {
        let size = message.byteCount
        let limit = connection.maxMessageSize
        guard size <= limit else { throw .messageTooLarge(size: size, limit: limit) }
        let queueLimit = connection.maxQueueBytes
        let failure: PeerConnectionError? = shared.withLock { state in
            guard state.readyState == .open else { return .channelNotOpen(state.readyState) }
            guard state.bufferedAmount + size <= queueLimit else { return .sendQueueFull(limit: queueLimit) }
            state.bufferedAmount += size
            return nil
        }
        if let failure { throw failure }
        connection.send(message, on: handle, size: size)
    }

    /// Delivers this channel's events (open, message, bufferedamountlow, closing, close) to
    /// `handler` on the connection's event loop, instead of on ``events``: no task switch per
    /// event. With the default threshold of 0, bufferedamountlow fires after nearly every send, so
    /// a task reading ``events`` is woken once per message sent as well as per message received;
    /// that was most of the engine's CPU. The handler must be short and must not block (it holds up
    /// the connection); set it before the channel opens to see every event; `nil` restores ``events``.
    public func setEventHandler(_ handler: (@Sendable (DataChannelEvent) -> Void)?) {
        shared.withLock { $0.eventHandler = handler }
    }

    /// On the event loop: one event, to the handler or the event stream.
    func emit(_ event: DataChannelEvent) {
        if let handler = shared.withLock({ $0.eventHandler }) {
            handler(event)
        } else {
            continuation.yield(event)
        }
    }

    /// W3C `close()`: starts the stream reset; ``readyState`` goes `closing`, then `closed` when
    /// the peer has reset its side too.
    public func close() {
        connection.closeChannel(handle)
    }

    func update(_ body: (inout SharedState) -> Void) {
        shared.withLock { body(&$0) }
    }

    /// `bytes` left the queue; reports bufferedamountlow when the threshold is crossed downward.
    func dequeued(_ bytes: Int) {
        let crossed: Bool = shared.withLock { state in
            let before = state.bufferedAmount
            state.bufferedAmount = max(0, before - bytes)
            return before > state.bufferedAmountLowThreshold && state.bufferedAmount <= state.bufferedAmountLowThreshold
        }
        if crossed { emit(.bufferedAmountLow) }
    }
}
