/// One link to one peer, from its creation until it is replaced or closed.
struct LinkSession: Sendable {
    /// Where the offer/answer exchange stands.
    enum Negotiation: Sendable, Equatable {
        /// Offerer: `createOffer` is running.
        case creatingOffer
        /// Offerer: our offer is out; the answer has not arrived.
        case awaitingAnswer
        /// Offerer: the answer is being applied.
        case applyingAnswer
        /// Answerer: applying the offer and answering.
        case answering
        /// Both descriptions are applied: candidates go straight to the link.
        case complete
    }

    let generation: UInt64
    let link: any PeerLink
    var negotiation: Negotiation
    /// Remote candidates held until the remote description is applied (bounded).
    var pendingCandidates: [String?] = []
    /// Our own candidates gathered before our description went out: they must not overtake it.
    var heldLocalCandidates: [String?] = []
    /// The transport state the link last reported.
    var transport: PeerLinkState = .new
    var openChannels: Set<EngineChannel> = []
    /// When the link was made or last stopped being up (µs): the start of the stall timeout.
    var downSince: Int64
    /// When `negotiation` last changed (µs): an offer unanswered for long is made again.
    var negotiationSince: Int64

    init(generation: UInt64, link: any PeerLink, negotiation: Negotiation, pending: [String?], now: Int64) {
        self.pendingCandidates = pending
        self.generation = generation
        self.link = link
        self.negotiation = negotiation
        self.downSince = now
        self.negotiationSince = now
    }

    var isUp: Bool { transport == .connected && openChannels.count == EngineChannel.allCases.count }

    /// Whether the remote description is applied (candidates can be added).
    var hasRemoteDescription: Bool { negotiation == .complete }

    /// Whether our own description has been signaled (our candidates may follow it).
    var hasSentDescription: Bool { negotiation != .creatingOffer && negotiation != .answering }

    /// Whether our offer is out (or being made) and unanswered: an offer from the peer now is glare.
    var isOffering: Bool { negotiation == .creatingOffer || negotiation == .awaitingAnswer }
}
