import Foundation

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
    /// The `o=` session id of the peer's description: an offer carrying it again renegotiates
    /// this link (an ICE restart) instead of replacing it.
    var remoteSessionID: String?
    /// The negotiation's `a=mid`: our offer's, or that of the offer we answer (an ICE restart
    /// keeps it). `nil` until known, or when the description has none.
    var mid: String?
    /// Whether the link was ever up: only then is there a DTLS/SCTP association an ICE restart keeps.
    var wasUp = false
    /// Whether the negotiation under way is an ICE restart we started on this link.
    var restartingIce = false

    init(generation: UInt64, link: any PeerLink, negotiation: Negotiation, pending: [String?], now: Int64,
         remoteSessionID: String? = nil) {
        self.pendingCandidates = pending
        self.remoteSessionID = remoteSessionID
        self.generation = generation
        self.link = link
        self.negotiation = negotiation
        self.downSince = now
        self.negotiationSince = now
    }

    var isUp: Bool { transport == .connected && openChannels.count == EngineChannel.allCases.count }

    /// Whether ICE can be restarted on this link instead of replacing it: it came up once, its
    /// transport has not failed, and no offer/answer is under way.
    var canRestartIce: Bool {
        wasUp && negotiation == .complete && transport != .failed && transport != .closed
    }

    /// The session id of the description's `o=` line (RFC 4566 §5.2: `o=<username> <sess-id> ...`),
    /// which stays the same in every description of one peer connection (RFC 3264 §8).
    static func sessionID(of sdp: String) -> String? {
        for line in sdp.split(whereSeparator: \.isNewline) where line.hasPrefix("o=") {
            let fields = line.dropFirst(2).split(separator: " ")
            return fields.count >= 2 ? "\(fields[0]) \(fields[1])" : nil
        }
        return nil
    }

    /// The `a=mid` of a description (RFC 5888 §4; ours carry one media section), or `nil`.
    static func mid(of sdp: String) -> String? {
        for line in sdp.split(whereSeparator: \.isNewline) where line.hasPrefix("a=mid:") {
            let value = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Whether a candidate the peer sent with `mid` may be for the negotiation whose mid is
    /// `expected`. A candidate without one, or with `0` (what browsers and engines before mids
    /// were unique always send), cannot be told apart and is taken, as is any when `expected`
    /// is unknown.
    static func candidate(mid: String?, fits expected: String?) -> Bool {
        guard let mid, mid != "0", let expected else { return true }
        return mid == expected
    }

    /// Whether the remote description is applied (candidates can be added).
    var hasRemoteDescription: Bool { negotiation == .complete }

    /// Whether our own description has been signaled (our candidates may follow it).
    var hasSentDescription: Bool { negotiation != .creatingOffer && negotiation != .answering }

    /// Whether our offer is out (or being made) and unanswered: an offer from the peer now is glare.
    var isOffering: Bool { negotiation == .creatingOffer || negotiation == .awaitingAnswer }
}
