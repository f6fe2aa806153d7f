import Foundation

/// What the engine's performer task runs, one at a time, in the order the core asked.
enum DriverWork: Sendable {
    /// An action that awaits (signaling, link negotiation, closing).
    case action(EngineAction)
    /// Resumes a caller once everything queued before it was performed.
    case barrier(CheckedContinuation<Void, Never>)
}

extension DriverWork {
    /// What the step is, for a report: the action and its peer, never its payload.
    var step: String {
        guard case .action(let action) = self else { return "barrier" }
        func named(_ name: String, _ peer: UUID) -> String { "\(name) [\(peer.uuidString.prefix(8))]" }
        switch action {
        case .signal(.offer(let peer, _)): return named("signal offer", peer)
        case .signal(.answer(let peer, _)): return named("signal answer", peer)
        case .signal(.candidate(let peer, _, _)): return named("signal candidate", peer)
        case .makeLink(let peer, _, _, _): return named("make link", peer)
        case .restartLink(let peer, _, _, _, _): return named("restart link", peer)
        case .restartIce(let peer, _, _, _): return named("restart ICE", peer)
        case .createOffer(let peer, _, _): return named("create offer", peer)
        case .acceptOffer(let peer, _, _, _): return named("accept offer", peer)
        case .acceptAnswer(let peer, _, _, _): return named("accept answer", peer)
        case .addCandidates: return "add candidates"
        case .closeLink: return "close link"
        case .leaveRoom: return "leave room"
        case .emit, .log, .armMIDIFlush, .armMIDIPlayout: return "local step"
        }
    }
}
