import SignalingProtocol

/// What one inbound WebSocket message turns into before the hub sees it.
enum InboundOutcome: Sendable {
    /// A well-formed message for the hub.
    case message(ClientMessage)
    /// An error the sender is told about; the connection stays open.
    case reply(SignalingError)
    /// A violation that ends the connection with this reason.
    case close(CloseReason)
}
