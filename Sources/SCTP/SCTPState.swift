/// The life cycle of an `SCTPAssociation`.
public enum SCTPState: Sendable, Hashable {
    /// Created; `connect` not called yet. Inbound packets are held.
    case new
    /// INIT sent (RFC 9260 §5.1); waiting for COMMUNICATION UP.
    case connecting
    /// Established: messages flow. Stays here while a requested graceful close is in progress.
    case connected
    /// Ended by SHUTDOWN, an ABORT from either side, or `close`.
    case closed
    /// Could not be established or was lost (retransmission limit reached).
    case failed
}
