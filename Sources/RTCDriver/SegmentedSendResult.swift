/// What became of one UDP GSO write (see ``SegmentedSend``).
enum SegmentedSendResult: Equatable {
    /// The kernel took the whole run.
    case sent
    /// The socket's send buffer is full (`EAGAIN`): the datagrams go through NIO's queue instead.
    case wouldBlock
    /// The kernel refused the write (`EIO`, `EINVAL`, `EMSGSIZE`: see ``SegmentedSend``); nothing was sent.
    case refused(errno: Int32)
    /// The socket is closed, or this platform has no `UDP_SEGMENT`.
    case unavailable
}
