package import ICE
public import RTCBase
public import RTCDriver

/// The W3C `RTCConfiguration` for a data-channel peer, plus the options the standard lacks.
public struct PeerConnectionConfiguration: Sendable {
    /// STUN and TURN servers (W3C `iceServers`), resolved when the connection is made.
    public var iceServers: [RTCIceServer]
    /// W3C `iceTransportPolicy`: all candidates, or relay only.
    public var iceTransportPolicy: RTCIceTransportPolicy
    /// W3C `certificates`; a fresh ECDSA P-256 certificate is generated when `nil`.
    public var certificate: RTCCertificate?
    /// The local addresses to bind, one UDP socket and host candidate each (port 0 picks one).
    /// Loopback by default: the library never enumerates interfaces on its own.
    public var hostAddresses: [TransportAddress]
    /// Keep loopback host candidates (needed when ``hostAddresses`` are loopback).
    public var includeLoopbackCandidates: Bool
    /// `a=max-message-size` we advertise: the largest message we accept (RFC 8841 §6).
    public var maxMessageSize: Int
    /// Bound on one channel's send queue beyond what SCTP buffers (Chromium uses 16 MiB).
    public var maxChannelQueueBytes: Int
    /// Bound on channels per connection; stream ids run 0..<maxChannels.
    public var maxChannels: Int
    /// UDP socket buffer sizes; the 208 KiB default overflows under bulk load.
    public var socketBufferSize: Int
    /// Fine-tuning for the ICE agent (timers, limits); addresses and servers are filled in from above.
    package var ice = ICEConfiguration(hostAddresses: [])
    /// Servers already resolved to addresses, used besides ``iceServers`` (the sans-IO core takes
    /// only these: it cannot look names up).
    package var resolvedIceServers: [ICEServer] = []
    /// TURN over TCP and TLS (`turn:...?transport=tcp`, `turns:`): connect timeout, bounds, and extra
    /// trust roots for the servers' certificates (the system's are always trusted).
    public var relayTransport: RelayTransportOptions
    /// UDP GRO on sockets that carry bulk traffic (Linux; see `ReceiveLayout`): each such socket
    /// then keeps a 1 MiB read buffer, for about a fifth less CPU per MB received from a GSO
    /// sender (docs/BENCHMARKS.md). `false` keeps every socket at 32 KiB.
    package var receiveOffload = true
    /// One `recvmmsg` per readable event while a socket is interactive (see `ReceiveLayout`):
    /// a datagram that comes alone costs one system call to read instead of two. `false` reads
    /// as NIO does by default (up to four per event, the last one mostly `EAGAIN`), for A/B runs.
    package var singleReadWhileInteractive = true
    /// Several DTLS records in one UDP datagram (RFC 6347 §4.1.1: "Multiple DTLS records may be
    /// placed in a single datagram"): the records one turn of the event loop produces for this
    /// connection leave together, up to SCTP's path MTU, so fewer datagrams carry the same
    /// messages. Off by default: aiortc 1.16 reads one record per datagram and would hold the
    /// rest until its next datagram. Chromium (BoringSSL), Firefox (NSS), Pion and this stack read
    /// them all. A lone record is never delayed: records leave when the driver flushes the turn.
    public var coalescesRecords = false
    /// SCTP sends a SACK at the latest after this many packets with data (usrsctp's `sack_freq`);
    /// sooner on a gap or duplicate, or with the next data this side sends. 2 is RFC 9260 §6.2's
    /// value and suits bulk transfer. A connection whose channels carry a steady stream both ways
    /// (audio frames every few milliseconds) can raise it: its SACKs then ride on its own data
    /// instead of leaving as packets of their own. Passed to `SCTPConfiguration.sackFrequency`,
    /// which says what a value below 1 means.
    public var sackFrequency = 2
    /// The `a=mid` of the offers this connection makes (an answer takes the offer's, JSEP
    /// §5.3.1): 1 to 16 letters, digits, `-` or `_` (Chromium refuses a longer one). The answer
    /// and the candidates the peer trickles carry it back, so an application that replaces a
    /// connection can give each one its own and tell an answer or candidate meant for the old
    /// one. Browsers choose `0`, the default.
    public var mid = "0"

    /// Creates a configuration; the defaults bind 127.0.0.1 only.
    public init(iceServers: [RTCIceServer] = [],
                iceTransportPolicy: RTCIceTransportPolicy = .all,
                certificate: RTCCertificate? = nil,
                hostAddresses: [TransportAddress] = [TransportAddress(ip: .loopbackV4, port: 0)],
                includeLoopbackCandidates: Bool = true,
                maxMessageSize: Int = 262_144,
                maxChannelQueueBytes: Int = 16 << 20,
                maxChannels: Int = 1024,
                socketBufferSize: Int = 4 << 20,
                relayTransport: RelayTransportOptions = RelayTransportOptions()) {
        self.relayTransport = relayTransport
        self.iceServers = iceServers
        self.iceTransportPolicy = iceTransportPolicy
        self.certificate = certificate
        self.hostAddresses = hostAddresses
        self.includeLoopbackCandidates = includeLoopbackCandidates
        self.maxMessageSize = maxMessageSize
        self.maxChannelQueueBytes = maxChannelQueueBytes
        self.maxChannels = maxChannels
        self.socketBufferSize = socketBufferSize
    }
}
