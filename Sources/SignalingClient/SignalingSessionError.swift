public import SignalingProtocol

/// Why a ``SignalingSession`` call failed.
public enum SignalingSessionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server refused the request; carries its stable code.
    case server(SignalingError)
    /// The URL is not a `ws://` or `wss://` URL.
    case invalidURL(String)
    /// The first connection could not be made.
    case connectFailed(String)
    /// The call needs a connection and there is none (before `connect()`).
    case notConnected
    /// The connection dropped while the request was outstanding.
    case connectionLost
    /// No answer within the request timeout.
    case timeout
    /// The queue of messages waiting for a reconnect is full; the message was NOT queued.
    case queueFull(limit: Int)
    /// Another create/join is still waiting for its answer.
    case requestInProgress
    /// The call needs a room and the client is in none.
    case notInRoom
    /// `close()` was called.
    case closed

    public var description: String {
        switch self {
        case .server(let error): "server refused: \(error)"
        case .invalidURL(let url): "not a WebSocket URL: \(url)"
        case .connectFailed(let why): "could not connect: \(why)"
        case .notConnected: "not connected"
        case .connectionLost: "connection lost"
        case .timeout: "no answer from the server in time"
        case .queueFull(let limit): "outgoing queue full (\(limit) messages) while reconnecting"
        case .requestInProgress: "another request is still waiting for its answer"
        case .notInRoom: "not in a room"
        case .closed: "client closed"
        }
    }
}
