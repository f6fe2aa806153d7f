import Foundation

/// A message for the signaling server.
enum SignalMessage: Sendable, Equatable {
    case offer(to: UUID, sdp: String)
    case answer(to: UUID, sdp: String)
    /// `mid`: the link's negotiation it belongs to (``LinkSession/mid``), when known.
    case candidate(to: UUID, candidate: String, mid: String?)
}
