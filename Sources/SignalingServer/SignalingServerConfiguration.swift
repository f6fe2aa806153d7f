package import Foundation

/// Everything `collab serve` can tune. Every count or size a client controls has a limit here.
public struct SignalingServerConfiguration: Sendable {
    /// Address to bind (default loopback only).
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one (reported through `onListening`).
    public var port: Int = 8080
    /// Most participants in one room, counting those within their resume grace period.
    public var maxRoomSize: Int = 8
    /// Largest message accepted and relayed, in bytes of JSON text. Larger ones up to
    /// `4 × maxMessageBytes` get `too-large` and the connection stays open; beyond that the
    /// WebSocket layer closes with 1009 because the frame is not even buffered.
    public var maxMessageBytes: Int = 64 * 1024
    /// Longest display name, in characters.
    public var maxNameLength: Int = 64
    /// Longest display name in UTF-8 bytes: a character may hold any number of combining marks,
    /// so a character count alone does not bound the bytes repeated in every `joined`.
    public var maxNameBytes: Int = 256
    /// Sustained messages per second per connection (token bucket refill rate).
    public var messagesPerSecond: Double = 50
    /// Burst size of the message token bucket.
    public var messageBurst: Double = 200
    /// Error replies per second a connection may provoke before it counts as abuse.
    public var errorsPerSecond: Double = 2
    /// Burst of error replies; when spent, the connection is closed with 1008 (policy violation).
    public var errorBurst: Double = 30
    /// Failed joins (unknown code or ID, invalid code, wrong password) allowed per client
    /// address in `joinFailureWindow`; the next attempt, even a correct one, is refused.
    public var joinFailuresAllowed: Int = 10
    /// Window of the join-failure guard.
    public var joinFailureWindow: Duration = .seconds(60)
    /// How long a dropped participant keeps its place and can resume with its token.
    public var resumeGrace: Duration = .seconds(15)
    /// Messages kept for a participant in its grace period, delivered on resume.
    public var maxPendingWhileAway: Int = 256
    /// WebSocket ping interval; a connection that misses a pong by the next ping is closed.
    public var pingInterval: Duration = .seconds(10)
    /// Messages held for one connection before it is closed as too slow: those queued and those
    /// handed to the socket that the kernel has not taken yet, together.
    public var outboundQueueLimit: Int = 1024
    /// The same, in bytes (a relayed SDP counts its size, any other message 256 bytes): offers of
    /// the largest size (`maxMessageBytes`) would otherwise pin 64 MiB per slow reader.
    public var outboundQueueBytes: Int = 4 << 20
    /// Longest the frames handed to a client's socket may wait without any of them reaching the
    /// kernel; a client that reads nothing for that long is closed as too slow, even when its
    /// queue is not full (one that reads slowly but steadily is not).
    public var writeTimeout: Duration = .seconds(10)
    /// How long a new TCP connection has to send its first complete HTTP request head (and how
    /// long an idle HTTP keep-alive connection is kept).
    public var headerTimeout: Duration = .seconds(10)
    /// Open connections allowed from one client address; generous, because a household or an
    /// office shares one NAT address.
    public var maxConnectionsPerAddress: Int = 256
    /// Open TCP connections this instance holds at most, from all addresses together (loopback
    /// and trusted proxies included); past it new ones are closed before any HTTP, so that a flood
    /// of connections cannot take more memory than the operator planned for (about 32 KiB each).
    public var maxConnections: Int = 20_000
    /// Live rooms that connections from one client address may have created.
    public var maxRoomsPerAddress: Int = 64
    /// Whether the per-address caps apply to loopback clients too (benchmarks run there).
    public var limitLoopback: Bool = false
    /// Reverse proxies whose `X-Forwarded-For` names the real client (for the join guard, the
    /// room cap and logs); their own connections are exempt from the connection cap.
    public var trustedProxies = TrustedProxies()
    /// How long a WebSocket may stay open without ever joining a room.
    public var joinTimeout: Duration = .seconds(60)
    /// How long a client has to answer the server's close frame before its socket is closed.
    public var closeTimeout: Duration = .seconds(5)
    /// On shutdown, how long clients have to take their close frame (1001) and go before the
    /// remaining sockets are closed.
    public var shutdownGrace: Duration = .seconds(5)
    /// Browser origins (`scheme://host[:port]`, compared case-insensitively) allowed to open a
    /// WebSocket; empty allows any. A request without `Origin` (not a browser) is always allowed.
    public var allowedOrigins: [String] = []
    /// TURN server URLs handed to clients (need `turnSecret`), e.g. `turn:H:3478`,
    /// `turn:H:3478?transport=tcp` and `turns:H:5349` for one coturn.
    public var turnURLs: [String] = []
    /// coturn `static-auth-secret`; with it, clients get time-limited TURN credentials.
    public var turnSecret: String?
    /// Lifetime of TURN credentials.
    public var turnTTL: Duration = .seconds(3600)
    /// STUN URLs handed to clients.
    public var stunURLs: [String] = []
    /// The server's own STUN responder; when it runs, clients get its `stun:` URL too.
    public var stunListener: STUNListener = .off
    /// The host name or IP clients reach this server under, for the `stun:` URL it hands out;
    /// `nil` uses the host each client's WebSocket request named (its `Host` header).
    public var publicHost: String?
    /// Certificate and key to serve https and wss with; `nil` serves plain http and ws.
    public var tls: ServerTLSIdentity?
    /// With a key, every WebSocket upgrade needs an access token it signed (JWT, `Authorization:
    /// Bearer` or `?token=`): missing, forged or expired tokens get HTTP 401. `nil` keeps the server
    /// open to anyone, as the demo needs.
    public var accessKey: AccessKey?
    /// The wall clock access tokens' `exp` is checked against (tests move it instead of waiting).
    package var wallClock: @Sendable () -> Date = { Date() }
    /// With a token, the admin HTTP API (`/admin/rooms...`) answers requests bearing it; without,
    /// there is no admin API.
    public var adminToken: AdminToken?
    /// With a port, `/metrics` is served only on a separate listener at `127.0.0.1:PORT` (0 picks
    /// one, reported through `onMetricsListening`), not on the public one.
    public var metricsPort: Int?
    /// When freed memory goes back to the system (glibc's `malloc_trim`); see ``MemoryTrim``.
    public var memoryTrim: MemoryTrim = .always
    /// With settings, rooms live in PostgreSQL and several instances serve them together; `nil`
    /// keeps every room in this process's memory.
    public var cluster: ClusterSettings?

    /// A configuration with the defaults above.
    public init() {}
}
