/// Where the engine stands with the link to one peer; each case holds what that stage needs.
enum PeerLinkPhase: Sendable {
    /// No link. The answerer waits for an offer; the offerer makes one when the restart rule allows.
    case idle(since: Int64)
    /// The transport is making link `generation`; then it offers, or answers `answering` (the
    /// offer), with the remote candidates that arrived meanwhile.
    case making(generation: UInt64, answering: String?, pending: [String?], since: Int64)
    /// A link exists (negotiating, connecting, up or failed).
    case linked(LinkSession)
    /// The room secrets differ: no link, never retried.
    case refused

    /// The link, if one exists.
    var link: (any PeerLink)? {
        if case .linked(let session) = self { session.link } else { nil }
    }

    /// The generation events must carry to count.
    var generation: UInt64? {
        switch self {
        case .making(let generation, _, _, _): generation
        case .linked(let session): session.generation
        case .idle, .refused: nil
        }
    }

    /// Whether data flows: transport connected and all five channels open.
    var isUp: Bool {
        if case .linked(let session) = self { session.isUp } else { false }
    }
}
