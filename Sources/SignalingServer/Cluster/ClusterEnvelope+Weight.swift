import SignalingProtocol

extension ClusterEnvelope {
    /// About how many bytes it holds: what the cluster's queues (``ClusterOutbox``,
    /// ``ClusterInbox``) count against their byte bounds. The text a client chose (an SDP, a
    /// candidate) plus a small message, as a connection's outbox counts (``OutboundItem/weight``):
    /// an envelope may carry up to the protocol's largest message, so a bound by count alone held
    /// 50,000 of those (3 GiB at 64 KiB each).
    var weight: Int {
        switch self {
        case .input(_, let message, _, _): OutboundItem.smallMessage + message.relayedTextBytes
        case .output(_, let message): OutboundItem.smallMessage + message.relayedTextBytes
        case .close, .joinResult, .detach, .blob: OutboundItem.smallMessage
        }
    }
}

extension ClientMessage {
    /// The bytes of the text the client chose that the message carries (an SDP, a candidate,
    /// a name or password): the part of its size a client controls.
    var relayedTextBytes: Int {
        switch self {
        case .offer(_, let text), .answer(_, let text): text.utf8.count
        case .candidate(_, let candidate): candidate.candidate.utf8.count + (candidate.sdpMid?.utf8.count ?? 0)
        case .createRoom(let name, let password): name.utf8.count + (password?.utf8.count ?? 0)
        case .joinCode(let code, let name, let password):
            code.utf8.count + name.utf8.count + (password?.utf8.count ?? 0)
        case .join(_, let name, let password, let token):
            (name?.utf8.count ?? 0) + (password?.utf8.count ?? 0) + (token?.utf8.count ?? 0)
        case .ping, .refreshICEServers, .leave, .remove: 0
        }
    }
}
