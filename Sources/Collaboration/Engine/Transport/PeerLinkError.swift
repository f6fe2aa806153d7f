public import Foundation

/// Why a peer transport refused a step. The transport logs the details (at debug); the engine
/// needs only the kind.
public enum PeerLinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The link could not be made (certificate, socket bind, channel setup).
    case setupFailed
    /// A description (offer or answer) could not be made or was refused.
    case descriptionRefused
    /// A remote candidate was refused.
    case candidateRefused
    /// The channel is not open.
    case channelNotOpen(EngineChannel)
    /// The channel's send queue is full.
    case queueFull(EngineChannel)
    /// The message is larger than the remote accepts.
    case messageTooLarge(EngineChannel)
    /// There is no link to that participant.
    case noLink(UUID)
    /// The link is closed.
    case closed

    public var description: String {
        switch self {
        case .setupFailed: "the link could not be made"
        case .descriptionRefused: "description refused"
        case .candidateRefused: "candidate refused"
        case .channelNotOpen(let channel): "\(channel) channel not open"
        case .queueFull(let channel): "\(channel) channel queue full"
        case .messageTooLarge(let channel): "message too large for the \(channel) channel"
        case .noLink(let peer): "no link to \(peer.uuidString.prefix(8))"
        case .closed: "link closed"
        }
    }
}
