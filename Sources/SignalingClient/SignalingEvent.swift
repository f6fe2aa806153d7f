public import SignalingProtocol

/// What a ``SignalingSession`` reports on its `events` stream.
public enum SignalingEvent: Sendable, Equatable {
    /// The connection state changed.
    case state(SignalingConnectionState)
    /// A message for the application: relayed offer/answer/candidate, membership notices,
    /// and errors that answer no request (for example `unknown-target`).
    case message(ServerMessage)
    /// After a reconnect the server gave us our place back; queued messages have been sent.
    case resumed(RoomMembership)
    /// After a reconnect the server no longer knows us (grace ran out, or it restarted);
    /// `discarded` queued messages were dropped because they were addressed to that room.
    case resumeFailed(SignalingError, discarded: Int)
    /// The server closed the WebSocket with a close frame: 1001 when it shuts down, 1008 for a
    /// policy violation (abuse, unsupported version, a client too slow to read), 1000 when this
    /// membership resumed on another socket.
    case serverClosed(code: UInt16, reason: String?)
}
