import NIOCore
import SignalingProtocol

/// What a connection's OutboxWriter sends next.
enum OutboundItem: Sendable {
    case message(ServerMessage)
    /// A relayed offer, answer or candidate and when its sender's frame arrived (for the
    /// relay-latency histogram).
    case relay(ServerMessage, received: ContinuousClock.Instant)
    /// A message already in JSON, written as it is (a cluster home's `output`, checked on arrival).
    case text(ByteBuffer)
    /// A relay already in JSON (a cluster home's pass-through of a proxied member's offer or
    /// answer, ``RelayPassThrough``) and when it arrived, as ``relay(_:received:)``.
    case relayText(ByteBuffer, received: ContinuousClock.Instant)
    case close(CloseReason)
}
