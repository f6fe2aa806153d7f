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
