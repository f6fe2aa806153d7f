/// Something the owner of an `SCTPAssociation` learns from `pollEvent()`.
public enum SCTPEvent: Sendable, Equatable {
    /// The association is up (SCTP_COMM_UP). Both sides get it, also after a simultaneous open.
    case connected
    /// One whole user message, reassembled until its end (MSG_EOR), at most
    /// `SCTPConfiguration.maxReceiveMessageSize` bytes. `ppid` is in host byte order (RFC 8831 §8).
    case message(stream: UInt16, ppid: UInt32, data: [UInt8])
    /// The peer reset its outgoing side of these streams (RFC 6525 §5.2.2): per RFC 8831 §6.7 the
    /// data channels on them are closing; reset ours with `resetStreams` to finish the close.
    case incomingStreamsReset([UInt16])
    /// Our outgoing SSN reset request for these streams was performed by the peer (RFC 6525).
    case outgoingStreamsReset([UInt16])
    /// `bufferedAmount` fell to `bufferedAmountLowThreshold` or below after having been above it.
    case bufferedAmountLow
    /// The association ended: SHUTDOWN complete, ABORT received, or our own `close`.
    case closed
    /// The association could not be established or was lost.
    case failed(SCTPError)
}
