/// Socket-level counters of an ``ICEDriver``; the agent's own counters are in ``ICE/ICEStats``.
public struct ICEDriverStats: Hashable, Sendable {
    /// Datagrams read from the sockets and handed to the agent.
    public var datagramsReceived = 0
    /// Datagrams written to the sockets.
    public var datagramsSent = 0
    /// Transmits dropped: no socket for their source, or the socket's write queue was full.
    public var sendsDropped = 0
    /// Events dropped because ``ICEDriver/events`` was not consumed fast enough.
    public var eventsDropped = 0
    /// Errors reported by the sockets (e.g. ICMP unreachable); the sockets stay open.
    public var socketErrors = 0
    /// Runs of datagrams written with one UDP GSO write (Linux).
    public var segmentedWrites = 0
    /// GSO writes the kernel refused; their datagrams went one by one, and that socket writes
    /// datagram by datagram from then on.
    public var segmentedWritesRefused = 0
    /// TCP/TLS connections to TURN servers that opened.
    public var relayConnectionsOpened = 0
    /// Frames written on TURN server connections.
    public var relayFramesSent = 0
    /// Frames dropped, whole, because a connection was still connecting with its pending bound
    /// reached, or its socket's write buffer was full.
    public var relayFramesDropped = 0
    /// Bytes read from TURN server connections.
    public var relayBytesReceived = 0

    /// Creates zeroed counters.
    public init() {}
}
