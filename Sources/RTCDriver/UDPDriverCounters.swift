/// Socket-level counters of a ``UDPDriver``.
package struct UDPDriverCounters: Hashable, Sendable {
    /// Datagrams read from the sockets and handed to the core.
    package var datagramsReceived = 0
    /// Datagrams written to the sockets.
    package var datagramsSent = 0
    /// Transmits dropped: no socket for their source, its write queue full, or the path cut (tests).
    package var sendsDropped = 0
    /// Errors reported by the sockets (e.g. ICMP unreachable); the sockets stay open.
    package var socketErrors = 0
    /// Runs of datagrams written with one UDP GSO write.
    package var segmentedWrites = 0
    /// GSO writes the kernel refused (the socket writes datagram by datagram from then on);
    /// their datagrams were written one by one instead.
    package var segmentedWritesRefused = 0
    /// GSO writes that failed for a reason of the moment (`ENETUNREACH` and the like); their
    /// datagrams went through NIO, and GSO stays on.
    package var segmentedWritesFailed = 0
    /// Runs written datagram by datagram through NIO because NIO still held datagrams for the
    /// socket: a GSO write would have overtaken them.
    package var segmentedWritesQueued = 0
    /// Lone datagrams written with one plain `sendmsg` next to NIO (``SegmentedWriter``), not
    /// through its pipeline; included in `datagramsSent`.
    package var directWrites = 0
    /// Sockets that could not turn UDP GRO on.
    package var receiveOffloadFailures = 0

    /// Zero counters.
    package init() {}
}
