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

    /// About how many bytes it takes on the wire: what a connection's outbox counts against its
    /// byte budget. Exact for JSON already written; for a message, the text its sender chose (an
    /// SDP, a candidate) plus a small message.
    var weight: Int {
        switch self {
        case .message(let message), .relay(let message, _): Self.smallMessage + message.relayedTextBytes
        case .text(let text), .relayText(let text, _): text.readableBytes
        case .close: 0
        }
    }

    /// A message without an SDP: a notice, a candidate, a room's state (a few members).
    static let smallMessage = 256
}
