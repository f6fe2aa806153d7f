public import Foundation
public import SignalingClient

/// Why an engine call failed, or what went wrong that the application should show.
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The call needs a session (create or join first).
    case notInSession
    /// `createSession`/`join` while already in a session (leave first).
    case alreadyInSession
    /// The signaling server or client refused or failed.
    case signaling(SignalingSessionError)
    /// The room secret differs between us and `peer` (or one side has none): the peer's sealed
    /// offers and answers cannot be opened, so no connection is made with it. Check the secret.
    case wrongRoomSecret(peer: UUID)
    /// The action is not allowed for our role (spectators send only chat; only the host mutes or
    /// assigns roles; only host and co-hosts drive the transport).
    case notAllowed(String)
    /// The host muted us: MIDI and audio are not sent until unmuted.
    case muted
    /// A payload could not be built (for example chat text over 4096 bytes).
    case payload(PayloadError)
    /// Sealing failed (key derivation refused, message too large).
    case seal(SealError)
    /// The peer transport failed (description refused, socket bind failed, channel not open...).
    case transport(PeerLinkError)
    /// A configured host address is not an IP address (``EngineConfiguration/hostAddresses``).
    case invalidHostAddress(String)
    /// The engine was shut down.
    case closed
    /// A recording could not start (``RecordingError``).
    case recording(RecordingError)

    public var description: String {
        switch self {
        case .notInSession: "not in a session"
        case .alreadyInSession: "already in a session; leave it first"
        case .signaling(let error): "signaling: \(error)"
        case .wrongRoomSecret(let peer): "room secret does not match participant \(peer.uuidString.prefix(8)): no connection"
        case .notAllowed(let why): "not allowed: \(why)"
        case .muted: "muted by the host"
        case .payload(let error): "payload: \(error)"
        case .seal(let error): "sealing: \(error)"
        case .transport(let error): "transport: \(error)"
        case .invalidHostAddress(let text): "host address \(text) is not an IP address (IP or IP:port)"
        case .closed: "engine closed"
        case .recording(let error): "recording: \(error)"
        }
    }
}
