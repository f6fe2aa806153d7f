/// Socket and queue settings of an ``ICEDriver``: everything the sans-IO ``ICE/ICEConfiguration`` does not cover.
public struct ICEDriverOptions: Hashable, Sendable {
    /// Requested `SO_RCVBUF` per socket; the default 208 KiB overflows under bulk load. Default 4 MiB.
    ///
    /// The kernel may clamp it to `net.core.rmem_max`.
    public var receiveBufferSize: Int
    /// Requested `SO_SNDBUF` per socket. Default 4 MiB.
    public var sendBufferSize: Int
    /// Largest datagram read from a socket; longer ones are truncated by the kernel. Default 2,048 bytes,
    /// above any ICE, TURN or DTLS datagram this stack sends (about 1,200 bytes).
    public var maxDatagramSize: Int
    /// Events buffered for a slow ``ICEDriver/events`` consumer; newer ones are dropped and counted in
    /// ``ICEDriverStats/eventsDropped``. Default 4,096.
    public var eventBufferLimit: Int
    /// TURN over TCP and TLS: connect timeout, bounds, extra trust roots.
    public var relayTransport: RelayTransportOptions

    /// Creates options with the defaults described on each property.
    public init(receiveBufferSize: Int = 4 << 20, sendBufferSize: Int = 4 << 20, maxDatagramSize: Int = 2048,
                eventBufferLimit: Int = 4096, relayTransport: RelayTransportOptions = RelayTransportOptions()) {
        self.relayTransport = relayTransport
        self.receiveBufferSize = receiveBufferSize
        self.sendBufferSize = sendBufferSize
        self.maxDatagramSize = maxDatagramSize
        self.eventBufferLimit = eventBufferLimit
    }
}
