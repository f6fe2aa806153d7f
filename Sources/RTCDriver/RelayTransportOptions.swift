/// How a driver reaches TURN servers over TCP and TLS (`turn:...?transport=tcp`, `turns:`).
///
/// Certificates of `turns:` servers are verified against the system trust store plus
/// ``additionalTrustRootsPEM``, and against the URL's host name (or its IP address when it named one).
public struct RelayTransportOptions: Hashable, Sendable {
    /// How long a TCP connect (not counting the TLS handshake) may take before the allocation fails.
    /// Default 5 s.
    public var connectTimeout: Duration
    /// Bytes held for a connection that is still connecting; frames beyond it are dropped (each whole,
    /// so the stream keeps its framing) and counted. Once connected, frames are dropped while the
    /// socket's write buffer is above NIO's high-water mark. Default 64 KiB.
    public var maxPendingBytes: Int
    /// Largest read from a connection; the framer reassembles messages across reads. Default 16 KiB.
    public var readChunkSize: Int
    /// Extra trust roots in PEM (one or more `BEGIN CERTIFICATE` blocks each), for private
    /// deployments and tests; the system's roots are always trusted too.
    public var additionalTrustRootsPEM: [String]

    /// Creates options with the defaults described on each property.
    public init(connectTimeout: Duration = .seconds(5), maxPendingBytes: Int = 64 << 10, readChunkSize: Int = 16 << 10,
                additionalTrustRootsPEM: [String] = []) {
        self.connectTimeout = connectTimeout
        self.maxPendingBytes = maxPendingBytes
        self.readChunkSize = readChunkSize
        self.additionalTrustRootsPEM = additionalTrustRootsPEM
    }
}
