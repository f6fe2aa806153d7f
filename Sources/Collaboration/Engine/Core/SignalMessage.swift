import Foundation

/// A message for the signaling server.
enum SignalMessage: Sendable, Equatable {
    case offer(to: UUID, sdp: String)
    case answer(to: UUID, sdp: String)
    case candidate(to: UUID, candidate: String)
}
