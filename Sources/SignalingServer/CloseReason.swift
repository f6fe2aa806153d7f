/// Why the server closes a connection; maps onto a WebSocket close code.
enum CloseReason: Sendable, Equatable {
    /// Persistent abuse (errors or flooding): 1008.
    case policyViolation(String)
    /// The participant resumed on another socket: 1000.
    case replaced
    /// The client reads too slowly for its outbound queue: 1008.
    case tooSlow
    /// Server shutdown: 1001.
    case goingAway
}
