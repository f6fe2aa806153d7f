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
    /// GSO writes the kernel refused; their datagrams were written one by one instead.
    package var segmentedWritesRefused = 0
}
