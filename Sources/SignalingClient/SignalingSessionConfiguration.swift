/// Settings of a ``SignalingSession``.
public struct SignalingSessionConfiguration: Sendable {
    /// `ws://host:port/ws` (or `wss://`).
    public var url: String
    /// Other servers of the same deployment (instances sharing rooms through PostgreSQL) for
    /// when no load balancer hides them: each new connection takes the next URL in turn, so a
    /// reconnect after an instance died resumes on another one.
    public var fallbackURLs: [String] = []
    /// Reconnect after an unexpected drop.
    public var reconnect: Bool = true
    /// First reconnect delay; doubles each failed attempt, with ±50 % jitter.
    public var initialBackoff: Duration = .milliseconds(250)
    /// Reconnect delay cap.
    public var maxBackoff: Duration = .seconds(30)
    /// Messages held while reconnecting; past this `send` fails with `queueFull`.
    public var maxQueuedMessages: Int = 256
    /// How long create/join/ping wait for their answer.
    public var requestTimeout: Duration = .seconds(10)
    /// How long the first connection may take.
    public var connectTimeout: Duration = .seconds(10)
    /// Largest message accepted from the server.
    public var maxMessageBytes: Int = 1 << 20
    /// Events kept for a consumer that is not reading; past this they are dropped and logged.
    public var eventBufferLimit: Int = 10_000
    /// Extra certificate authorities (PEM, one or more) trusted for a `wss://` server besides the
    /// system trust store, e.g. a private CA; a server they do not vouch for fails with `connectFailed`.
    /// The URL must name the server by host name: TLS cannot send an IP address as the server name.
    public var additionalTrustRootsPEM: String?
    /// An access token (JWT) for a server that requires one (`collab serve --auth-key`), sent as
    /// `Authorization: Bearer` on every connection. A reconnect that resumes a room also says
    /// `resume=1` on the URL, so a token that expired meanwhile still lets it take its place back.
    public var accessToken: String?

    /// Settings for a server URL with the defaults above.
    public init(url: String) {
        self.url = url
    }
}
