/// Why the server closes a connection; maps onto a WebSocket close code.
enum CloseReason: Sendable, Equatable {
    /// Persistent abuse (errors or flooding): 1008.
    case policyViolation(String)
    /// The participant resumed on another socket: 1000.
    case replaced
    /// A message that is not UTF-8 where the protocol needs text: 1007.
    case invalidData(String)
    /// Frames out of the order RFC 6455 allows: 1002.
    case protocolError(String)
    /// A message over the hard limit: 1009.
    case tooBig(String)
    /// The connection did not join a room within the join timeout: 1008.
    case joinTimeout
    /// Server shutdown: 1001.
    case goingAway
    /// The host (or an administrator) removed this participant: 1008.
    case removed
    /// An administrator closed the room: 1000.
    case roomClosed
}
