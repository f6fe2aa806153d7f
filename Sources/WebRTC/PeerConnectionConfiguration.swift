public import DTLS
public import ICE
public import RTCDriver
public import RTCBase

/// The W3C `RTCConfiguration` for a data-channel peer, plus the options the standard lacks.
public struct PeerConnectionConfiguration: Sendable {
    /// STUN and TURN servers (W3C `iceServers`).
    public var iceServers: [ICEServer]
    /// W3C `iceTransportPolicy`: all candidates, or relay only.
    public var iceTransportPolicy: ICEConfiguration.TransportPolicy
    /// W3C `certificates`; a fresh ECDSA P-256 certificate is generated when `nil`.
    public var certificate: DTLSCertificate?
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
    public var ice: ICEConfiguration
    /// TURN over TCP and TLS (`turn:...?transport=tcp`, `turns:`): connect timeout, bounds, and extra
    /// trust roots for the servers' certificates (the system's are always trusted).
    public var relayTransport: RelayTransportOptions

    /// Creates a configuration; the defaults bind 127.0.0.1 only.
    public init(iceServers: [ICEServer] = [],
                iceTransportPolicy: ICEConfiguration.TransportPolicy = .all,
                certificate: DTLSCertificate? = nil,
                hostAddresses: [TransportAddress] = [TransportAddress(ip: .loopbackV4, port: 0)],
                includeLoopbackCandidates: Bool = true,
                maxMessageSize: Int = 262_144,
                maxChannelQueueBytes: Int = 16 << 20,
                maxChannels: Int = 1024,
                socketBufferSize: Int = 4 << 20,
                ice: ICEConfiguration = ICEConfiguration(hostAddresses: []),
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
        self.ice = ice
    }
}
