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
}
