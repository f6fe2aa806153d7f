import STUN
public import RTCBase

/// Why something ICE tried did not work: what a user needs in a debug log to see why a link
/// fails (the agent itself has no logger; the driver logs these).
public enum ICEDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// A candidate pair failed its connectivity check.
    case pairFailed(local: Candidate, remote: Candidate, reason: String)
    /// A TURN allocation failed (the reason carries the STUN error code and phrase when the server sent one).
    case relayFailed(server: TransportAddress, reason: String)
    /// A TURN CreatePermission or ChannelBind failed.
    case relayRequestFailed(server: TransportAddress, request: String, reason: String)
    /// A TURN server's response was discarded for its MESSAGE-INTEGRITY (RFC 8489 §9.2.5).
    case relayResponseDiscarded(server: TransportAddress, request: String, reason: String)
    /// A STUN server gave no server-reflexive address before gathering gave up on it.
    case reflexiveTimedOut(server: TransportAddress)

    public var description: String {
        switch self {
        case .pairFailed(let local, let remote, let reason):
            "check failed: \(local.type.rawValue) \(local.address) -> \(remote.type.rawValue) \(remote.address): \(reason)"
        case .relayFailed(let server, let reason):
            "TURN allocation at \(server) failed: \(reason)"
        case .relayRequestFailed(let server, let request, let reason):
            "TURN \(request) at \(server) failed: \(reason)"
        case .relayResponseDiscarded(let server, let request, let reason):
            "TURN response to \(request) from \(server) discarded: \(reason)"
        case .reflexiveTimedOut(let server):
            "no answer from STUN server \(server) within the gathering timeout"
        }
    }
}
