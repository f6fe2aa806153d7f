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
}
