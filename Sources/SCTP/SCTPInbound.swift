/// What usrsctp's callbacks hand to an association, queued in its mailbox until the owner's thread
/// turns it into `SCTPEvent`s.
enum SCTPInbound: Sendable {
    /// A piece of a user message; `endOfRecord` on its last piece (MSG_EOR).
    case data(stream: UInt16, ppid: UInt32, bytes: [UInt8], endOfRecord: Bool)
    /// COMMUNICATION UP with the negotiated stream counts.
    case communicationUp(outbound: UInt16, inbound: UInt16)
    /// COMMUNICATION LOST; `byPeer` when the peer sent an ABORT chunk.
    case communicationLost(byPeer: Bool)
    /// SHUTDOWN COMPLETE.
    case shutdownComplete
    /// The association could not be started.
    case cannotStart
    /// A stream reset event with usrsctp's flags and stream list.
    case streamReset(flags: UInt32, streams: [UInt16])
    /// Everything sent has been acknowledged.
    case senderDry
    /// A partially delivered message was aborted.
    case partialDeliveryAborted
}
