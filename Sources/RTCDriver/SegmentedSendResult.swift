/// What became of one UDP GSO write (see ``SegmentedSend``).
package enum SegmentedSendResult: Equatable, Sendable {
    /// The kernel took the whole run.
    case sent
    /// The socket's send buffer is full (`EAGAIN`, `ENOBUFS`): the datagrams go through NIO's queue instead.
    case wouldBlock
    /// The kernel refused GSO on this socket or path (`EIO`, `EINVAL`, `EMSGSIZE`, `EOPNOTSUPP`,
    /// `ENOPROTOOPT`: see ``SegmentedSend``) and would refuse again; nothing was sent.
    case refused(errno: Int32)
    /// Another error (`ENETUNREACH`, `EHOSTUNREACH`, `EPERM`...): a fact of the moment, not of GSO,
    /// so only this run falls back; nothing was sent.
    case failed(errno: Int32)
    /// The socket is closed, or this platform has no `UDP_SEGMENT`.
    case unavailable

}
