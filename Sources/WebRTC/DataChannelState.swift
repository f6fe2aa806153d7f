/// The W3C `RTCDataChannelState`.
public enum DataChannelState: String, Hashable, Sendable {
    /// Created, waiting for SCTP (or, for in-band channels, about to send DATA_CHANNEL_OPEN).
    case connecting
    /// Messages can be sent and received.
    case open
    /// A close was requested; the stream reset (RFC 6525) is in progress.
    case closing
    /// Both directions of the stream are reset, or the connection ended.
    case closed
}
