/// Why an SCTP operation failed or an association ended badly.
public enum SCTPError: Error, Hashable, Sendable {
    /// usrsctp could not create or configure the socket; the text names the step.
    case initFailed(String)
    /// The association is not (yet, or any more) established.
    case notConnected
    /// The message is larger than the peer's `a=max-message-size` (`remoteMaxMessageSize`) or than
    /// the send buffer.
    case messageTooLarge(size: Int, limit: Int)
    /// SCTP cannot carry an empty message (RFC 9260 §3.3.1: DATA carries at least one byte); WebRTC
    /// sends a single zero byte with PPID 56/57 instead (RFC 8831 §6.6), which is the caller's job.
    case emptyMessage
    /// usrsctp's send buffer is full (EWOULDBLOCK). Nothing was queued: keep the message and retry
    /// after `.bufferedAmountLow` or a later `handle`.
    case sendBufferFull
    /// The stream id is not below the negotiated number of outbound streams.
    case invalidStream(UInt16)
    /// `close` was called or the association ended.
    case closed
    /// The association was lost: the peer stopped answering (retransmission limit, RFC 9260 §8.1).
    case connectionLost
    /// A usrsctp call failed with this errno; the text names the call.
    case socketError(errno: Int32, String)
}
