import SignalingProtocol

/// What a connection's writer task sends next.
enum OutboundItem: Sendable {
    case message(ServerMessage)
    case close(CloseReason)
}
